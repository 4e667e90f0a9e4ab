/**
 * Saves a text the extension made (the encrypted file, the calendar reminder) as a download: a
 * Blob and a link with `download`, so no network and no `downloads` permission.
 */
export function saveFile(fileName: string, text: string, type: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // The download reads the URL after the click returns; the page's end frees it anyway.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The encrypted hand-off file's name, as the message and the command name it. */
export const HANDOFF_FILE_NAME = 'dbt-entra-sso-handoff.asc';
export const REMINDER_FILE_NAME = 'dbt-sso-secret-rotation.ics';
