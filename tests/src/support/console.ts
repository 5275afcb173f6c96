import type { Page } from 'playwright-core';

/** Pages of the seller console, driven the way a seller does (an English page, logged in as a seller). */

/** Deploys `standard` from Console → New performance and waits on its page until it runs; returns its id. */
export async function deployFromConsole(page: Page, slug: string): Promise<string> {
  await page.getByRole('link', { name: 'Console', exact: true }).click();
  await page.getByRole('link', { name: 'New performance' }).first().click();
  await page.getByRole('radio', { name: /standard/ }).check();
  await page.getByLabel('Slug').fill(slug);
  await page.getByRole('button', { name: 'Deploy' }).click();
  await page.waitForURL(/\/console\/deployments\/[0-9a-f-]{36}$/);
  await page.locator('.dp-facts').getByText('Running').waitFor({ timeout: 120_000 });
  return page.url().split('/').pop()!;
}

export interface BuilderSection {
  name: string;
  grade: string;
  price: number;
  rows: number;
  seatsPerRow: number;
}

/**
 * Registers the performance on its setup page with the seat-map builder: one grade per
 * section, rows numbered from 1.
 */
export async function registerFromBuilder(page: Page, info: { title: string; venue: string }, sections: BuilderSection[]): Promise<void> {
  const group = (name: string, within: Page | ReturnType<Page['getByRole']> = page) => within.getByRole('group', { name, exact: true });
  const local = (days: number) => {
    const date = new Date(Date.now() + days * 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
  };
  await page.getByRole('heading', { name: 'Register the performance' }).waitFor();
  await page.getByLabel('Title', { exact: true }).fill(info.title);
  await page.getByLabel('Venue', { exact: true }).fill(info.venue);
  await page.getByLabel('Starts', { exact: true }).fill(local(30));
  await page.getByLabel('Ends', { exact: true }).fill(local(30.125));
  await page.getByLabel('Sale opens', { exact: true }).fill(local(-1));
  for (const [index, section] of sections.entries()) {
    if (index > 0) {
      await page.getByRole('button', { name: 'Add a grade' }).click();
      await page.getByRole('button', { name: 'Add a section' }).click();
    }
    const grade = group(`Grade ${index + 1}`);
    await grade.getByLabel('Name', { exact: true }).fill(section.grade);
    await grade.getByLabel(/^Price/).fill(String(section.price));
    const block = group(`Section ${index + 1}`);
    await block.getByLabel('Section name').fill(section.name);
    const rows = group('Rows 1', block);
    await rows.getByLabel('Number of rows').fill(String(section.rows));
    await rows.getByLabel('Seats per row').fill(String(section.seatsPerRow));
    await rows.getByLabel('Grade', { exact: true }).selectOption({ label: section.grade });
  }
  await page.getByRole('button', { name: 'Register' }).click();
  await page.getByText('The performance is registered and on the storefront.').waitFor({ timeout: 30_000 });
}
