import { useStore } from 'zustand';
import { useGuide } from '@/components/store-context';
import type { PanelController } from '@/utils/guide/panel-controller';
import type { RecordKey, Step } from '@/utils/guide/step-schema';
import type { GuideState } from '@/utils/guide/store';
import { planFor } from '@/utils/domain/setup';
import { contextFrom, validateField, validatePermissions, type FieldName, type Finding } from '@/utils/domain/validate';

const SHOWN: Partial<Record<RecordKey, { label: string; field?: FieldName }>> = {
  clientId: { label: 'Application (client) ID', field: 'clientId' },
  tenantId: { label: 'Directory (tenant) ID', field: 'tenantId' },
  objectId: { label: 'Object ID (not needed by dbt)', field: 'objectId' },
  accountType: { label: 'Supported account types', field: 'accountType' },
  domain: { label: 'Microsoft Entra ID Domain (for dbt)', field: 'domain' },
  secretExpiry: { label: 'Secret expires', field: 'secretExpiry' },
  secretId: { label: 'Secret ID (not the Value; not needed by dbt)' },
  assignmentRequired: { label: 'Assignment required? (saved)' },
};

interface Line {
  key: string;
  label: string;
  value: string;
  findings: Finding[];
}

function linesFor(step: Step, s: GuideState): Line[] {
  const v = (k: keyof GuideState['values']) => s.values[k]?.value;
  const ctx = contextFrom(s.setup, s.values);
  const lines: Line[] = [];
  for (const key of step.records) {
    if (key === 'redirectUris') {
      const uris = s.lists.redirectUris;
      if (!uris) continue;
      const expected = planFor(s.setup).redirectUri;
      lines.push({
        key,
        label: 'Web redirect URIs',
        value: uris.join(', ') || '(none)',
        findings:
          expected && !uris.includes(expected)
            ? [{ field: 'redirectUri', code: 'redirect-uri-absent', severity: 'error', message: `${expected} is not among them yet.` }]
            : [],
      });
      continue;
    }
    if (key === 'permissions') {
      const rows = s.lists.permissions;
      if (!rows) continue;
      // What a later step deals with (consent, on the step that adds permissions) is not said yet.
      const later = step.laterFindings ?? [];
      const findings = validatePermissions(rows, planFor(s.setup).permissions).filter((f) => !later.includes(f.code));
      lines.push({
        key,
        label: 'Configured permissions',
        value: rows.map((r) => `${r.name} (${r.type}${r.status ? `, ${r.status}` : ''})`).join('; ') || '(none)',
        findings,
      });
      continue;
    }
    if (key === 'secretIds') {
      const ids = s.lists.secretIds;
      const old = v('oldSecretId')?.toLowerCase();
      if (!ids || !old) continue;
      lines.push({
        key,
        label: 'The old secret (being replaced)',
        value: ids.includes(old) ? `still listed (Secret ID ${old})` : 'deleted',
        findings: ids.includes(old)
          ? [{ field: 'clientSecret', code: 'old-secret-listed', severity: 'warning', message: 'Delete it now (its Delete, then Yes): dbt uses the new one.' }]
          : [],
      });
      continue;
    }
    if (key === 'assignedUsers' || key === 'assignedGroups') {
      if (key === 'assignedGroups' || !s.values.assignedUsers) continue;
      const users = Number(v('assignedUsers') ?? 0);
      const groups = Number(v('assignedGroups') ?? 0);
      const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
      lines.push({
        key,
        label: 'Assigned to the app',
        value: `${plural(groups, 'group')}, ${plural(users, 'user')}`,
        findings:
          users + groups === 0
            ? [{ field: 'permissions', code: 'no-assignments', severity: 'warning', message: 'Nobody is assigned yet: add the groups or users who use dbt.' }]
            : [],
      });
      continue;
    }
    if (key === 'enterpriseAppId') {
      const shownApp = v('enterpriseAppId');
      const client = v('clientId');
      if (!shownApp) continue;
      lines.push({
        key,
        label: 'Enterprise application of the app',
        value: shownApp,
        findings:
          client && client.toLowerCase() !== shownApp.toLowerCase()
            ? [
                {
                  field: 'clientId',
                  code: 'enterprise-app-other-app',
                  severity: 'error',
                  message: `This enterprise application belongs to another app. Open the one whose Application ID is ${client} (Enterprise applications, or the link on the app's Overview).`,
                },
              ]
            : [],
      });
      continue;
    }
    const shown = SHOWN[key];
    const value = key === 'clientSecret' ? undefined : s.values[key]?.value;
    if (!shown || !value) continue;
    lines.push({ key, label: shown.label, value, findings: shown.field ? validateField(shown.field, value, ctx) : [] });
  }
  return lines;
}

/** What the page shows for this step, and whether it is right. */
export function ReadBack({ step, controller }: { step: Step; controller: PanelController }) {
  const state = useGuide((s) => s);
  const secret = useStore(controller.view, (v) => v.secret);
  const lines = linesFor(step, state);
  const registered = state.values.registeredDirectory?.value;
  const current = state.values.currentDirectory?.value;
  const wrongDirectory = registered && current && registered.toLowerCase() !== current.toLowerCase();

  return (
    <section className="readback" aria-label="What the page shows" aria-live="polite">
      {wrongDirectory ? (
        <p className="finding error" role="alert">
          The portal now shows the directory {current}, but the app was registered in {registered}. Switch directory in the account menu
          (top right).
        </p>
      ) : null}
      {lines.map((line) => {
        // What this step is here to do is "to do", not an error (a permission not added yet).
        const todo = (f: Finding) => (step.todoFindings ?? []).includes(f.code);
        const wrong = line.findings.some((f) => f.severity === 'error' && !todo(f));
        const pending = line.findings.some(todo);
        return (
          <div key={line.key} className="read">
            <span className="label">{line.label}</span> <code>{line.value}</code>{' '}
            {wrong || pending ? null : <span className="ok">✓</span>}
            {line.findings.map((f) => (
              <p key={f.code} className={`finding ${todo(f) ? 'todo' : f.severity}`}>
                {todo(f) ? 'To do: ' : ''}
                {f.message}
              </p>
            ))}
          </div>
        );
      })}
      {step.records.includes('clientSecret') && secret ? (
        secret.length > 0 ? (
          <p className="read">
            <span className="label">Client secret Value</span> captured ({secret.length} characters), kept in this browser session only{' '}
            <span className="ok">✓</span>
          </p>
        ) : (
          secret.findings.map((f) => (
            <p key={f.code} className={`finding ${f.severity}`} role="alert">
              {f.message}
            </p>
          ))
        )
      ) : null}
    </section>
  );
}
