import * as z from 'zod/mini';
import type { ReaderName } from '@/utils/portal/names';

/**
 * What the panel accepts of a frame's reading (utils/portal/readers.ts), validated on receipt.
 * The new secret arrives without its Value: the frame sends that to the background alone.
 */
const t = (max = 2000) => z.string().check(z.maxLength(max));
/** A Secret ID is a GUID (or unknown: empty); anything else could be the Value itself. */
const secretId = () => z.string().check(z.regex(/^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$/i));

export const ReadSchemas = {
  appEssentials: z.object({
    displayName: t(),
    clientId: t(100),
    objectId: t(100),
    tenantId: t(100),
    accountTypes: t(),
    redirectUris: t(),
  }),
  authRedirectUris: z.object({ web: z.array(t()).check(z.maxLength(100)) }),
  configuredPermissions: z.object({
    rows: z.array(z.object({ api: t(200), name: t(200), type: t(50), status: t(300) })).check(z.maxLength(200)),
  }),
  clientSecrets: z.object({
    rows: z
      .array(
        z.object({
          description: t(),
          expires: t(100),
          secretId: z.optional(secretId()),
          hint: z.optional(t(10)),
          masked: z.boolean(),
        }),
      )
      .check(z.maxLength(100)),
  }),
  newSecretValue: z.object({ secretId: secretId(), hint: t(3), length: z.number() }),
  tenantOverview: z.object({ primaryDomain: t(300), tenantId: t(100) }),
  currentDirectory: z.object({ name: t(300), domain: t(300) }),
} satisfies Record<ReaderName, z.ZodMiniType>;

export type ReadResults = { [K in ReaderName]: z.infer<(typeof ReadSchemas)[K]> };
export type Read = { [K in ReaderName]: { reader: K; data: ReadResults[K] } }[ReaderName];

/** A frame's reading, validated; null when it does not match its reader's schema. */
export function parseRead(reader: ReaderName, data: unknown): Read | null {
  const parsed = ReadSchemas[reader].safeParse(data);
  return parsed.success ? ({ reader, data: parsed.data } as Read) : null;
}
