import { hasErrors } from '@/utils/domain/validate';
import { rotationReminderIcs } from '@/utils/handoff/export/ics';
import { supportMessage } from '@/utils/handoff/export/support-message';
import { offerPlainText, type Review } from '@/utils/handoff/export/review';
import { HANDOFF_FILE_NAME } from '@/utils/handoff/export/download';

/**
 * The plain texts the hand-off offers besides the encrypted file: the message for dbt support and
 * the calendar reminder. Each is made only from values that passed validation, and is withheld
 * (null) if it would still carry the client secret.
 */

export type Lock = { method: 'passphrase' } | { method: 'public-key'; fingerprint?: string };

/** The message without the secret, once nothing blocks the export. */
export function messageWithoutSecret(review: Review, lock: Lock): string | null {
  const values = review.values;
  if (values === null) return null;
  return offerPlainText(
    review,
    supportMessage({
      clientId: values.clientId,
      domain: values.domain,
      tenantId: values.tenantId,
      redirectUri: values.redirectUri,
      secretExpiry: values.secretExpiry,
      permissions: values.permissions,
      fileName: HANDOFF_FILE_NAME,
      method: lock.method,
      recipientFingerprint: lock.method === 'public-key' ? lock.fingerprint : undefined,
    }),
  );
}

/** The client ID the reminder names, when it is valid. */
export function reminderClientId(review: Review): string | null {
  const row = review.rows.find((r) => r.field === 'clientId');
  const text = row?.value.trim() ?? '';
  return row && text !== '' && !hasErrors(row.findings) ? text : null;
}

/** The calendar file (.ics) that reminds to rotate the secret, once the expiry and client ID are valid. */
export function rotationReminder(review: Review, now?: Date): string | null {
  const clientId = reminderClientId(review);
  if (review.expiry === null || clientId === null) return null;
  return offerPlainText(review, rotationReminderIcs({ expiry: review.expiry, appName: review.appName, clientId, now }));
}
