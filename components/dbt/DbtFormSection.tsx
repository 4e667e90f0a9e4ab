import { useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { useGuide } from '@/components/store-context';
import { Field } from '@/components/Field';
import { REGION_ACCESS_URLS } from '@/utils/domain/setup';
import { dbtAccessOrigin, dbtPermissionFor } from '@/utils/dbt/routes';
import type { FieldProps } from '@/components/Field';

export interface DbtFormSectionProps {
  /** permissions.request for one origin pattern; must run inside the click (a user gesture). */
  request?(pattern: string): Promise<boolean>;
  /** Asks the background to open the page once the host is granted. */
  open?(url: string): Promise<unknown>;
}

const requestHost = (pattern: string) => browser.permissions.request({ origins: [pattern] });
const openInDbt = (url: string) => browser.runtime.sendMessage({ type: 'dbt/open', url });

/** The access URL's origin from what the admin typed (a whole page address is fine). */
function originOf(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  try {
    return dbtAccessOrigin(new URL(/^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`).origin);
  } catch {
    return null;
  }
}

/**
 * Self-service: the guide fills dbt's SSO form itself. The extension holds no dbt host at install;
 * this asks for the host of the admin's own access URL, on the admin's click, and only that one.
 * Declined, the values are copied by hand (the secret's copy is cleared from the clipboard).
 */
export function DbtFormSection(props: DbtFormSectionProps) {
  const id = useId();
  const region = useGuide((s) => s.setup.region);
  const typed = useGuide((s) => s.values.dbtAccessUrl?.value);
  const ssoUrl = useGuide((s) => s.values.dbtSsoUrl?.value);
  const recordValue = useGuide((s) => s.recordValue);
  const [text, setText] = useState(() => typed ?? (region === 'custom' ? '' : REGION_ACCESS_URLS[region]));
  const [state, setState] = useState<'idle' | 'asking' | 'declined' | 'opened' | 'failed'>('idle');
  const origin = originOf(text);
  const findings: FieldProps['findings'] =
    text.trim() && !origin
      ? [
          {
            code: 'dbt-access-url',
            severity: 'error',
            message:
              'Not a dbt access URL. Use the address you open dbt at: https://cloud.getdbt.com, https://emea.dbt.com, https://au.dbt.com, or a cell such as https://ab123.us1.dbt.com.',
          },
        ]
      : [];

  const fill = () => {
    if (!origin) return;
    recordValue('dbtAccessUrl', origin, 'typed');
    setState('asking');
    // The request first, inside the click: browsers grant optional permissions only to a gesture.
    void (async () => {
      const granted = await (props.request ?? requestHost)(dbtPermissionFor(origin)).catch(() => false);
      if (!granted) return setState('declined');
      const page = ssoUrl && dbtAccessOrigin(ssoUrl) === origin ? ssoUrl : `${origin}/`;
      const reply = (await (props.open ?? openInDbt)(page).catch(() => null)) as { ok?: unknown } | null;
      setState(reply?.ok === true ? 'opened' : 'failed');
    })();
  };

  const host = origin ? new URL(origin).host : 'your dbt host';
  return (
    <section className="dbt-form" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Fill dbt&apos;s SSO form</h2>
      <p className="hint">
        The guide opens dbt&apos;s Account settings &gt; SSO &amp; SCIM and fills it: Log in with, Client ID, Tenant ID, Microsoft Entra ID
        Domain, and the client secret straight from this browser session, never through the clipboard. You click Save.
      </p>
      <Field
        label="Your dbt access URL"
        value={text}
        onChange={(v) => {
          setText(v);
          setState('idle');
        }}
        findings={findings}
        placeholder="https://cloud.getdbt.com"
        hint="The extension asks to read and change pages of this one host now, not at install, and nothing else of dbt."
      />
      <div className="actions">
        <button type="button" className="primary" disabled={!origin || state === 'asking'} onClick={fill}>
          Fill dbt&apos;s SSO form
        </button>
      </div>
      <div role="status" aria-live="polite">
        {state === 'opened' ? <p>dbt opened in a new tab: follow the guide&apos;s panel there.</p> : null}
        {state === 'failed' ? <p className="finding error">The guide could not open dbt. Open {host} yourself: the panel appears there.</p> : null}
        {state === 'declined' ? (
          <p className="finding warning">
            Without access to {host} the guide cannot fill dbt&apos;s form. Copy each value into it by hand from &quot;Review the values&quot;:
            Client ID, Client Secret (the clipboard is cleared after), Tenant ID and Microsoft Entra ID Domain.
          </p>
        ) : null}
      </div>
    </section>
  );
}
