import { HANDOFF_FIELD_LABELS } from '@/utils/domain/setup';

/**
 * The plain text the admin pastes into dbt's support chat or e-mail beside the encrypted file.
 * A secret pasted into a chat is a leaked credential, so this text never holds it: the input type
 * has no secret field, and only the fields named below are read, so an object that happens to
 * carry the secret at run time still cannot leak it.
 */

export interface SupportMessageInput {
  clientId: string;
  domain: string;
  tenantId?: string;
  redirectUri?: string;
  secretExpiry?: string;
  permissions: readonly { api: string; name: string; type: string }[];
  /** The encrypted file sent with the message, e.g. "dbt-entra-sso-handoff.asc". */
  fileName: string;
  /** How the file is locked: to the recipient's public key, or with a passphrase. */
  method: 'public-key' | 'passphrase';
  /** With `public-key`: the key's fingerprint, so the recipient knows which key opens it. */
  recipientFingerprint?: string;
}

export function supportMessage(input: SupportMessageInput): string {
  const line = (label: string, value: string | undefined): string[] =>
    value === undefined || oneLine(value) === '' ? [] : [`${label}: ${oneLine(value)}`];

  const permissions = input.permissions.map(
    (p) => `- ${oneLine(p.api)}: ${oneLine(p.name)} (${oneLine(p.type)})`,
  );
  const fileName = oneLine(input.fileName);
  const howLocked =
    input.method === 'passphrase'
      ? ['The passphrase that opens it comes separately, by another channel than this message.']
      : [
          input.recipientFingerprint === undefined
            ? 'It is encrypted to your public key.'
            : `It is encrypted to your public key ${oneLine(input.recipientFingerprint)}.`,
        ];

  return [
    'Hello,',
    '',
    'Here are the values for single sign-on to dbt Cloud with Microsoft Entra ID.',
    '',
    ...line(HANDOFF_FIELD_LABELS.clientId, input.clientId),
    ...line(HANDOFF_FIELD_LABELS.tenantId, input.tenantId),
    ...line(HANDOFF_FIELD_LABELS.domain, input.domain),
    ...line('Redirect URI', input.redirectUri),
    ...(permissions.length > 0 ? ['API permissions:', ...permissions] : []),
    ...line(HANDOFF_FIELD_LABELS.secretExpiry, input.secretExpiry),
    '',
    `The client secret Value is not in this message: it follows in the encrypted file ${fileName}.`,
    ...howLocked,
    'Open it with:',
    '',
    `    ${decryptCommand(fileName)}`,
    '',
  ].join('\n');
}

/** The recipient's command; the file name is quoted for a POSIX shell when it needs to be. */
export function decryptCommand(fileName: string): string {
  return `gpg --output handoff.json --decrypt ${shellWord(fileName)}`;
}

function shellWord(word: string): string {
  // A leading "-" would make gpg read the name as an option.
  const path = word.startsWith('-') ? `./${word}` : word;
  return /^[A-Za-z0-9._/+-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`;
}

/** One value per line, whatever was pasted. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}
