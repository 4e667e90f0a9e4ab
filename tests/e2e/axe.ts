import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core in the page (through the debugger protocol, which the extension pages' script
 * policy does not block) and returns the violations of serious or critical impact.
 */
export async function seriousViolations(page: Page, within?: string): Promise<AxeViolation[]> {
  await page.evaluate(source);
  return page.evaluate(async (selector) => {
    type Result = { violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run(context?: unknown): Promise<Result> } }).axe;
    // Scoped to one element (its shadow tree included), e.g. the guide panel on the portal page.
    const result = await axe.run(selector ? { include: [[selector]] } : undefined);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, within);
}
