import { describe, expect, test } from 'vitest';
import { parseRead } from '@/utils/guide/read-schemas';

const SECRET = 'Zq38Q~fAkEvAlUe.Only_For-Tests~012345678';
const SECRET_ID = '4c3b2a19-0807-4f6e-9d5c-4b3a29180706';

describe('what the panel accepts of a frame reading the secrets table', () => {
  test.each([
    ['a GUID', SECRET_ID, true],
    ['unknown (empty)', '', true],
    ['a Value in the Secret ID column', SECRET, false],
    ['a GUID with extra text', `${SECRET_ID} copy`, false],
  ])('newSecretValue with a Secret ID that is %s', (_, secretId, accepted) => {
    expect(parseRead('newSecretValue', { secretId, hint: 'Zq3', length: 40 }) !== null).toBe(accepted);
  });

  test('a clientSecrets row whose Secret ID is not a GUID is refused', () => {
    const row = { description: 'dbt Cloud', expires: '11/26/2027', masked: true };
    expect(parseRead('clientSecrets', { rows: [{ ...row, secretId: SECRET_ID }] })).not.toBeNull();
    expect(parseRead('clientSecrets', { rows: [{ ...row, secretId: SECRET }] })).toBeNull();
  });
});
