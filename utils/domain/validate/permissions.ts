import * as z from 'zod/mini';
import { DEFAULT_SETUP, BROADER_PERMISSIONS, planFor, type RequiredPermission } from '@/utils/domain/setup';
import { PermissionRowSchema, type PermissionRow } from '@/utils/domain/values';
import { type Context, type Finding, type Severity, collapse, finding, invalidInput } from '@/utils/domain/validate/common';

/**
 * The Microsoft Graph permissions the app requests, and their consent, against what dbt asks for.
 */

type ApiKind = 'graph' | 'azure-ad-graph' | 'other';

function apiKind(api: string): ApiKind {
  // The configured permissions table groups rows under headers such as "Microsoft Graph (2)".
  const name = collapse(api).replace(/\s*\(\d+\)$/, '');
  if (name === 'microsoft graph') return 'graph';
  if (name === 'azure active directory graph' || name === 'windows azure active directory') return 'azure-ad-graph';
  return 'other';
}

/** "Granted for <tenant>" means granted; "Not granted for ...", empty, or a warning means not. */
function isGranted(status: string): boolean {
  return /^granted for\b/i.test(status.replace(/^[^A-Za-z]+/, ''));
}

const sameText = (a: string, b: string): boolean => collapse(a) === collapse(b);

export function validatePermissions(
  rows: readonly PermissionRow[],
  required: readonly RequiredPermission[],
): Finding[] {
  const field = 'permissions';
  const findings: Finding[] = [];
  const add = (code: string, severity: Severity, message: string): void => {
    findings.push(finding(field, code, severity, message));
  };
  for (const want of required) {
    const named = rows.filter((r) => sameText(r.name, want.name));
    const graph = named.filter((r) => apiKind(r.api) === 'graph');
    const retired = named.filter((r) => apiKind(r.api) === 'azure-ad-graph');
    const right = graph.filter((r) => sameText(r.type, want.type));
    const wrongType = graph.find((r) => !sameText(r.type, want.type));
    const where = `+ Add a permission > Microsoft Graph > ${want.type} permissions > ${want.name}`;

    if (right.length === 0) {
      if (wrongType) {
        add(
          'permission-wrong-type',
          'error',
          `${want.name} is listed with the type ${wrongType.type.trim() || '(none)'}; dbt needs it as a ${want.type} permission. Add it (${where}) and remove the other one.`,
        );
      } else if (retired.length > 0) {
        add(
          'permission-azure-ad-graph',
          'error',
          `${want.name} is only listed under "Azure Active Directory Graph". That API was retired on 31 August 2025 and Microsoft Graph is needed instead: add it (${where}) and remove the Azure Active Directory Graph entry.`,
        );
      } else {
        const earlier =
          want.name === 'GroupMember.Read.All' && rows.some((r) => sameText(r.name, 'Directory.Read.All') && apiKind(r.api) === 'graph')
            ? ' Directory.Read.All is listed instead, as dbt asked before December 2025; dbt now asks for GroupMember.Read.All, and a configuration that requests a scope without consent fails with "AADSTS90094: Admin consent is required".'
            : '';
        add('permission-missing', 'error', `${want.name} (Microsoft Graph, ${want.type}) is missing. ${want.why} Add it: ${where}.${earlier}`);
      }
      continue;
    }
    if (!right.some((r) => isGranted(r.status))) {
      add(
        'permission-not-granted',
        'error',
        `${want.name} has no admin consent: its Status must read "Granted for <your organization>". Use "Grant admin consent for <your organization>" and confirm with Yes (for delegated Microsoft Graph permissions this needs a Cloud Application Administrator or Application Administrator, or a Privileged Role Administrator or Global Administrator).`,
      );
    }
    if (wrongType) {
      add(
        'permission-extra-type',
        'warning',
        `${want.name} is also listed with the type ${wrongType.type.trim() || '(none)'}, which dbt does not need. Remove that entry: dbt only uses the ${want.type} permission.`,
      );
    }
    if (retired.length > 0) {
      add(
        'permission-azure-ad-graph-leftover',
        'warning',
        `${want.name} is also listed under "Azure Active Directory Graph", retired on 31 August 2025. Remove that entry; the Microsoft Graph one is what counts.`,
      );
    }
  }
  for (const broad of BROADER_PERMISSIONS) {
    if (required.some((p) => sameText(p.name, broad.name))) continue;
    if (!rows.some((r) => sameText(r.name, broad.name))) continue;
    add(
      'permission-broader-than-needed',
      'warning',
      `${broad.name} is broader than dbt needs: it lets the app act on the directory as the signed-in user, writing included. dbt's current instructions ask for ${broad.instead}. Remove it unless your organisation needs it for another reason.`,
    );
  }
  return findings;
}

/** Without a setup, what the default setup requires (the same for both profiles). */
const COMMON_PERMISSIONS: readonly RequiredPermission[] = planFor(DEFAULT_SETUP).permissions;

const PermissionRowsSchema = z.array(PermissionRowSchema);

export function validatePermissionInput(value: unknown, ctx: Context): Finding[] {
  const parsed = PermissionRowsSchema.safeParse(value ?? []);
  if (!parsed.success) return [invalidInput('permissions')];
  return validatePermissions(parsed.data, ctx.setup ? planFor(ctx.setup).permissions : COMMON_PERMISSIONS);
}
