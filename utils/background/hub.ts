import * as z from 'zod/mini';
import { storage } from 'wxt/utils/storage';
import {
  FillResultSchema,
  GuideJobSchema,
  isExtensionPage,
  isOwnSender,
  parseMessage,
  type FillResult,
  type GuideJob,
  type Message,
  type MessageOf,
} from '@/utils/messaging/protocol';
import { SecretSchema } from '@/utils/domain/values';
import { dbtPageToOpen } from '@/utils/background/dbt-access';
import type { Sender } from '@/utils/messaging/sender';
import { fieldKey, secretItem, settingsItem } from '@/utils/guide/items';
import { DEFAULT_SETTINGS, SettingsSchema } from '@/utils/guide/state-schemas';
import { validateClientSecret } from '@/utils/domain/validate';

/**
 * The background's part of the protocol: it relays between the guide panel (top frame) and the
 * frame agents of the same tab, keeps the current job of each tab (so that a frame that loads
 * late, such as a pre-warmed blade iframe, learns it), and is the only place a secret read from
 * the page is stored.
 */

/** Jobs by tab id, in storage.session so that they survive the service worker going idle. */
const JobsSchema = z.record(z.string(), GuideJobSchema);
const jobsItem = storage.defineItem<unknown>('session:jobs', { version: 1 });

/**
 * The frame each tab's panel trusts (the visible blade of the open page), and whether its step
 * captures the secret: a Value is kept only from that frame, then. In storage.session, like jobs.
 */
const TrustSchema = z.record(z.string(), z.object({ frameId: z.nullable(z.number()), secret: z.boolean() }));
const trustItem = storage.defineItem<unknown>('session:trust', { version: 1 });

async function readTrust(): Promise<z.infer<typeof TrustSchema>> {
  const parsed = TrustSchema.safeParse(await trustItem.getValue());
  return parsed.success ? parsed.data : {};
}
export const SECRET_IDLE_ALARM = 'secret-idle';

export type { Sender };

export interface HubDeps {
  ownId: string;
  /** The extension's own origin (runtime.getURL('')): its pages' URLs start with it. */
  ownOrigin: string;
  /** tabs.sendMessage, to all frames of a tab or one frame. */
  sendToTab(tabId: number, message: Message, frameId?: number): Promise<unknown>;
  /** Arms (or re-arms) the alarm that forgets the secret. */
  armIdleAlarm(minutes: number): void;
  /** Opens an extension page in a new tab. */
  openPage(path: string): Promise<unknown>;
  /** The host permission patterns granted now (permissions.getAll().origins). */
  grantedOrigins(): Promise<string[]>;
  /** Brings dbt's content scripts in line with the granted hosts (see dbt-access.ts). */
  syncDbtScripts(): Promise<unknown>;
  /** Opens a web page in a new tab. */
  openTab(url: string): Promise<unknown>;
}

async function readJobs(): Promise<Record<string, GuideJob>> {
  const parsed = JobsSchema.safeParse(await jobsItem.getValue());
  return parsed.success ? parsed.data : {};
}

async function writeJob(tabId: number, job: GuideJob | null): Promise<void> {
  const jobs = await readJobs();
  if (job) jobs[String(tabId)] = job;
  else delete jobs[String(tabId)];
  await jobsItem.setValue(jobs);
}

export async function forgetTab(tabId: number): Promise<void> {
  await writeJob(tabId, null);
  const trust = await readTrust();
  if (String(tabId) in trust) {
    delete trust[String(tabId)];
    await trustItem.setValue(trust);
  }
}

async function idleMinutes(): Promise<number> {
  const parsed = SettingsSchema.safeParse(await settingsItem.getValue());
  return (parsed.success ? parsed.data : DEFAULT_SETTINGS).secretIdleMinutes;
}

async function storeSecret(deps: HubDeps, value: string | null, source: 'page' | 'typed'): Promise<void> {
  if (value === null || value === '') {
    await secretItem.removeValue();
    return;
  }
  await secretItem.setValue({ value, source, at: new Date().toISOString() });
  deps.armIdleAlarm(await idleMinutes());
}

/**
 * Handles one raw message. Returns the response, or undefined when there is none. Malformed
 * messages and messages from anything but this extension are dropped.
 */
export async function handleMessage(deps: HubDeps, raw: unknown, sender: Sender): Promise<unknown> {
  const message = acceptMessage(raw, sender, deps.ownId);
  return message ? handleHubMessage(deps, message, sender) : undefined;
}

/** A message from this extension, parsed once; null for anything else. */
export function acceptMessage(raw: unknown, sender: Sender, ownId: string): Message | null {
  return isOwnSender(sender, ownId) ? parseMessage(raw) : null;
}

/** Handles one accepted message (see acceptMessage): the response, or undefined. */
export async function handleHubMessage(deps: HubDeps, message: Message, sender: Sender): Promise<unknown> {
  const tabId = sender.tab?.id;

  switch (message.type) {
    case 'panel/job': {
      if (tabId === undefined) return undefined;
      await writeJob(tabId, message.job);
      await deps.sendToTab(tabId, { type: 'agent/job', job: message.job }).catch(() => undefined);
      return { ok: true };
    }
    case 'panel/focus': {
      if (tabId === undefined) return undefined;
      await deps.sendToTab(tabId, { type: 'agent/focus', stepId: message.stepId, index: message.index }).catch(() => undefined);
      return { ok: true };
    }
    case 'agent/hello': {
      if (tabId === undefined) return { job: null };
      return { job: (await readJobs())[String(tabId)] ?? null };
    }
    case 'agent/report': {
      if (tabId === undefined) return undefined;
      // Only the top frame's panel listens for reports. The frame and its origin come from the
      // browser, never from the frame: the panel weighs reports by them.
      let origin: string | undefined;
      try {
        origin = sender.url ? new URL(sender.url).origin : undefined;
      } catch {
        origin = undefined;
      }
      const report = { ...message, frameId: sender.frameId ?? 0 };
      delete report.origin;
      await deps
        .sendToTab(tabId, { ...report, ...(origin ? { origin } : {}) }, 0)
        .catch(() => undefined);
      return undefined;
    }
    case 'panel/trust': {
      // Only the panel, in the tab's top frame, says which frame it trusts.
      if (tabId === undefined || (sender.frameId ?? 0) !== 0) return undefined;
      const trust = await readTrust();
      trust[String(tabId)] = { frameId: message.frameId, secret: message.secret };
      await trustItem.setValue(trust);
      return { ok: true };
    }
    case 'panel/fill': {
      if (tabId === undefined || message.frameId === undefined) return { ok: false, reason: 'No frame holds that control.' };
      return deps.sendToTab(tabId, message, message.frameId).catch(() => ({ ok: false, reason: 'The page did not answer.' }));
    }
    case 'panel/fill-secret': {
      return fillSecret(deps, message, sender);
    }
    case 'dbt/open': {
      // From the popup or the checklist, right after the admin granted the host.
      if (!isExtensionPage(sender, deps.ownOrigin)) return { ok: false };
      const url = dbtPageToOpen(message.url, await deps.grantedOrigins());
      if (!url) return { ok: false, reason: 'That page is not a dbt access URL this browser has allowed.' };
      await deps.syncDbtScripts();
      await deps.openTab(url);
      return { ok: true };
    }
    case 'secret/capture': {
      if (tabId === undefined) return undefined;
      // Only from the frame that shows the step that captures the secret: another frame of the
      // tab (another extension's blade, a hidden stale copy) may show anything.
      const trusted = (await readTrust())[String(tabId)];
      if (!trusted?.secret || trusted.frameId !== (sender.frameId ?? 0)) return { stored: false };
      const findings = validateClientSecret(message.value, message.secretId ? { secretId: message.secretId } : {});
      const blocking = findings.some((f) => f.severity === 'error');
      // A Secret ID or a masked value is reported, never stored as the secret.
      if (!blocking) await storeSecret(deps, message.value, 'page');
      await deps
        .sendToTab(
          tabId,
          {
            type: 'secret/captured',
            length: blocking ? 0 : message.value.length,
            findings: findings.map(({ code, severity, message: text }) => ({ code, severity, message: text })),
          },
          0,
        )
        .catch(() => undefined);
      return { stored: !blocking };
    }
    case 'secret/used':
    case 'clipboard/armed': {
      // A use of the secret (an export, a copy): the idle timeout counts from now. The clipboard
      // clearer handles 'clipboard/armed' itself, after this.
      if (await secretItem.getValue()) deps.armIdleAlarm(await idleMinutes());
      return undefined;
    }
    case 'secret/status': {
      return { held: Boolean(await secretItem.getValue()) };
    }
    case 'open/checklist': {
      await deps.openPage('/checklist.html');
      return { ok: true };
    }
    case 'secret/set': {
      // Typed by the admin in the popup or the checklist: never from a content script.
      if (!isExtensionPage(sender, deps.ownOrigin)) return { ok: false };
      await storeSecret(deps, message.value, 'typed');
      return { ok: true };
    }
    default:
      return undefined;
  }
}

const refuse = (reason: string) => ({ ok: false, reason });

/**
 * The client secret into dbt's Client Secret field, on the admin's click in the panel: only from
 * the panel (top frame) of a tab showing a dbt access URL whose host the admin granted, only for
 * the fillSecret target of that tab's current job, and only to that tab's top frame, whose agent
 * fills that one field. The secret is never in the reply.
 */
async function fillSecret(deps: HubDeps, message: MessageOf<'panel/fill-secret'>, sender: Sender): Promise<FillResult> {
  const tabId = sender.tab?.id;
  if (tabId === undefined || (sender.frameId ?? 0) !== 0) return refuse('Only the guide panel can ask for the secret.');
  if (!dbtPageToOpen(sender.url ?? '', await deps.grantedOrigins())) return refuse('This page is not dbt\'s, or its host is not allowed.');
  const job = (await readJobs())[String(tabId)];
  const target = job?.stepId === message.stepId ? job.targets[message.index] : undefined;
  if (target?.action !== 'fillSecret') return refuse('This control does not take the secret.');
  const held = SecretSchema.safeParse(await secretItem.getValue());
  if (!held.success) return refuse('No client secret Value is held in this browser session: capture it in Entra (Certificates & secrets) or type it in the popup.');
  const reply = await deps
    .sendToTab(tabId, { type: 'agent/fill-secret', stepId: message.stepId, index: message.index, value: held.data.value }, 0)
    .catch(() => null);
  deps.armIdleAlarm(await idleMinutes());
  const parsed = FillResultSchema.safeParse(reply);
  return parsed.success ? parsed.data : refuse('The page did not answer.');
}

/**
 * Arms the idle alarm whenever a secret is stored, whoever stored it: the popup and the checklist
 * write a typed secret to storage.session directly, not through the background.
 */
export function watchSecret(deps: Pick<HubDeps, 'armIdleAlarm'>): () => void {
  return secretItem.watch((value) => {
    if (value) void idleMinutes().then(deps.armIdleAlarm);
  });
}

/**
 * The idle timeout forgets the secret, and with it what would mislead about a new one: the old
 * secret's hint and Secret ID (storage.local, one key each).
 */
export async function onIdleAlarm(name: string): Promise<void> {
  if (name !== SECRET_IDLE_ALARM) return;
  await secretItem.removeValue();
  await storage.removeItems([`local:${fieldKey('values', 'secretHint')}`, `local:${fieldKey('values', 'secretId')}`]);
}
