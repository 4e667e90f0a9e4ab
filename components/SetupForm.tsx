import { useId } from 'react';
import { useGuide } from '@/components/store-context';
import { Field } from '@/components/Field';
import { CopyButton } from '@/components/CopyButton';
import { SetByOrganisation } from '@/components/SetByOrganisation';
import {
  ACCOUNT_TYPES,
  AccountTypeSchema,
  HANDOFF_FIELD_LABELS,
  planFor,
  REGION_LABELS,
  RegionSchema,
  SUPPORT_AUTH_HOST,
  type Region,
} from '@/utils/domain/setup';
import { validateField } from '@/utils/domain/validate';

/**
 * The setup section: the profile, and what derives from it. A value the organisation preset by
 * policy is shown disabled or read-only, and says so.
 */
export function SetupForm() {
  const setup = useGuide((s) => s.setup);
  const updateSetup = useGuide((s) => s.updateSetup);
  const preset = useGuide((s) => s.managed.setup);
  const regionId = useId();
  const plan = planFor(setup);
  const lockedId = (key: keyof typeof preset) => (preset[key] === undefined ? undefined : `${regionId}-${key}-managed`);
  const profileLock = lockedId('profile');
  const regionLock = lockedId('region');
  const directoryLock = lockedId('includeDirectoryRead');
  const accountTypeLock = lockedId('accountType');

  // A URI pasted from dbt is checked as one of dbt's (host, path); the deployment ID only when it
  // is what makes the URI.
  const supportUriFindings = setup.supportRedirectUri.trim() ? validateField('redirectUri', setup.supportRedirectUri, { setup }) : [];
  const deploymentFindings =
    setup.supportRedirectUri.trim() === '' && setup.deploymentId !== '' ? validateField('deploymentId', setup.deploymentId) : [];
  const customFindings = setup.customRedirectUri.trim() ? validateField('redirectUri', setup.customRedirectUri, { setup }) : [];

  return (
    <section className="setup-form" aria-labelledby={`${regionId}-title`}>
      <h2 id={`${regionId}-title`}>Setup</h2>
      <fieldset>
        <legend>How will dbt receive the values?</legend>
        {profileLock ? <SetByOrganisation id={profileLock} /> : null}
        <label className="choice">
          <input
            type="radio"
            name="profile"
            checked={setup.profile === 'self-service'}
            disabled={profileLock !== undefined}
            aria-describedby={profileLock}
            onChange={() => updateSetup({ profile: 'self-service' })}
          />
          Self-service: I enter them in dbt (Account settings &gt; SSO &amp; SCIM)
        </label>
        <label className="choice">
          <input
            type="radio"
            name="profile"
            checked={setup.profile === 'support'}
            disabled={profileLock !== undefined}
            aria-describedby={profileLock}
            onChange={() => updateSetup({ profile: 'support' })}
          />
          Support-assisted: dbt support sent me a redirect URI (or a deployment ID)
        </label>
      </fieldset>

      {setup.profile === 'support' ? (
        <>
          <Field
            label="Redirect URI from dbt support"
            name="supportRedirectUri"
            value={setup.supportRedirectUri}
            onChange={(supportRedirectUri) => updateSetup({ supportRedirectUri })}
            setByOrganisation={preset.supportRedirectUri !== undefined}
            findings={supportUriFindings}
            placeholder="https://…/login/callback…"
            hint="Paste it exactly as dbt support sent it."
          />
          <Field
            label="Deployment ID"
            name="deploymentId"
            value={setup.deploymentId}
            onChange={(deploymentId) => updateSetup({ deploymentId })}
            setByOrganisation={preset.deploymentId !== undefined}
            findings={deploymentFindings}
            placeholder="only if support sent no redirect URI"
            hint={`Only without a redirect URI from support: the 2019 form, https://${SUPPORT_AUTH_HOST}/login/callback?connection=<deployment ID>.`}
          />
        </>
      ) : (
        <>
          <div className="field">
            <div className="field-label-row">
              <label htmlFor={regionId}>dbt region</label>
              {regionLock ? <SetByOrganisation id={regionLock} /> : null}
            </div>
            <select
              id={regionId}
              value={setup.region}
              disabled={regionLock !== undefined}
              aria-describedby={regionLock}
              onChange={(e) => {
                const region = RegionSchema.safeParse(e.target.value);
                if (region.success) updateSetup({ region: region.data satisfies Region });
              }}
            >
              {RegionSchema.options.map((r) => (
                <option key={r} value={r}>
                  {REGION_LABELS[r]}
                </option>
              ))}
            </select>
          </div>
          {setup.region === 'custom' ? (
            <Field
              label="Callback URI shown in dbt"
              name="customRedirectUri"
              value={setup.customRedirectUri}
              onChange={(customRedirectUri) => updateSetup({ customRedirectUri })}
              setByOrganisation={preset.customRedirectUri !== undefined}
              findings={customFindings}
              placeholder="https://…/login/callback"
            />
          ) : null}
        </>
      )}

      <div className="field">
        <div className="field-label-row">
          <label htmlFor={`${regionId}-account-type`}>Supported account types</label>
          {accountTypeLock ? <SetByOrganisation id={accountTypeLock} /> : null}
        </div>
        <select
          id={`${regionId}-account-type`}
          value={setup.accountType}
          disabled={accountTypeLock !== undefined}
          aria-describedby={accountTypeLock}
          onChange={(e) => {
            const accountType = AccountTypeSchema.safeParse(e.target.value);
            if (accountType.success) updateSetup({ accountType: accountType.data });
          }}
        >
          {AccountTypeSchema.options.map((t) => (
            <option key={t} value={t}>
              {ACCOUNT_TYPES[t].label}
            </option>
          ))}
        </select>
      </div>
      <label className="choice">
        <input
          type="checkbox"
          checked={setup.includeDirectoryRead}
          disabled={directoryLock !== undefined}
          aria-describedby={directoryLock}
          onChange={(e) => updateSetup({ includeDirectoryRead: e.target.checked })}
        />
        Also request Directory.Read.All (optional: users in more than 200 groups)
      </label>
      {directoryLock ? <SetByOrganisation id={directoryLock} /> : null}

      <dl className="plan">
        <dt>Redirect URI to register (platform Web)</dt>
        <dd>
          {plan.redirectUri ? (
            <>
              <code data-testid="redirect-uri">{plan.redirectUri}</code>{' '}
              <CopyButton text={plan.redirectUri} what="redirect URI" />
            </>
          ) : (
            <span data-testid="redirect-uri" className="missing">
              {setup.profile === 'support' ? 'Paste the redirect URI from dbt support (or enter the deployment ID) first.' : 'Paste the redirect URI from dbt first.'}
            </span>
          )}
        </dd>
        <dt>Microsoft Graph permissions (Delegated)</dt>
        <dd>
          <ul data-testid="permissions">
            {plan.permissions.map((p) => (
              <li key={p.name}>
                <code>{p.name}</code>: {p.why}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Supported account types (register form)</dt>
        <dd>
          {plan.accountTypeRadio}; in dbt: &quot;{ACCOUNT_TYPES[setup.accountType].dbtLoginWith}&quot;, Microsoft Entra ID Domain{' '}
          {plan.authority ? <code>{plan.authority}</code> : 'the directory\'s primary domain'}
        </dd>
        <dt>Values for {plan.destination}</dt>
        <dd>{plan.handoff.map((f) => HANDOFF_FIELD_LABELS[f]).join(', ')}</dd>
      </dl>
    </section>
  );
}
