/**
 * R13–R18 in a real browser against the real platform: the admin's pool page (registering an
 * image, its state, refusals shown on their fields, a refused deletion while a template uses
 * it) and the template editor (parameter schema checked as typed, revisions and their
 * Kubernetes documents, deletion).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, adminEnv, logIn, PASSWORD, signUpAndLogIn, type Session } from './support/accounts.js';
import { launchBrowser, logInInBrowser } from './support/browser.js';
import { eventually, get, request } from './support/http.js';
import { startPlatform, type RunningPlatform } from './support/platform.js';

interface ImageView { id: string; name: string; status: string; source: { kind: string; reference?: string } }
interface TemplateView { id: string; name: string; description: string; translations: unknown; revision: number; parameters: { properties: Record<string, unknown> } }
interface TemplateFull extends TemplateView { builtin: boolean; components: unknown[]; documents: unknown[] }

const VALID_SCHEMA = JSON.stringify({
  type: 'object',
  properties: {
    holdSeconds: { type: 'integer', description: 'How long seats are held, in seconds', minimum: 60, maximum: 3600, default: 420 },
  },
  required: ['holdSeconds'],
  additionalProperties: false,
}, null, 2);

describe('admin pages in a browser', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let admin: Session;
  let seller: Session;
  let page: Page;
  const tag = randomUUID().slice(0, 6);
  const imageName = `admin-web-${tag}`;
  const templateName = `admin-tpl-${tag}`;
  let imageId: string;
  let templateId: string;

  before(async () => {
    platform = await startPlatform({ env: adminEnv });
    browser = await launchBrowser();
    admin = await logIn(platform.gateway, ADMIN.email, ADMIN.password);
    seller = await signUpAndLogIn(platform.gateway, 'seller');
    page = await logInInBrowser(browser, platform.gateway, ADMIN.email, ADMIN.password);
  });
  after(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  const goTo = (path: string) => page.goto(`${platform.gateway}${path}`);

  it('keeps the pages to the admin', async () => {
    const sellerPage = await logInInBrowser(browser, platform.gateway, seller.email, PASSWORD);
    await sellerPage.goto(`${platform.gateway}/admin/pool`);
    await sellerPage.getByText('These pages are for the platform admin.').waitFor({ timeout: 60_000 });
    await sellerPage.close();
  });

  it('shows the templates\u2019 Korean descriptions on a Korean page', async () => {
    const korean = await logInInBrowser(browser, platform.gateway, ADMIN.email, ADMIN.password);
    try {
      await korean.goto(`${platform.gateway}/admin/templates`);
      const standard = korean.getByRole('row').filter({ has: korean.getByRole('rowheader', { name: 'standard', exact: true }) });
      await standard.getByText('One ticketing instance for a performance of ordinary demand.').waitFor({ timeout: 60_000 });
      await korean.getByRole('button', { name: '한국어' }).click();
      await standard.getByText('일반적인 수요의 공연을 위한 티켓팅 인스턴스 하나.').waitFor();
      assert.equal(await standard.getByText('One ticketing instance').count(), 0, 'no English beside the Korean');
      const flashSale = korean.getByRole('row').filter({ has: korean.getByRole('rowheader', { name: 'flash-sale', exact: true }) });
      await flashSale.getByText('구매자가 한꺼번에 몰리는 예매를 위해 자원을 더 쓰는 여러 티켓팅 인스턴스.').waitFor();
    } finally {
      await korean.close();
    }
  });

  it('registers a container image in the pool page and lists it as ready', async () => {
    await goTo('/admin/pool');
    await page.getByRole('heading', { name: 'Image pool', level: 1 }).waitFor({ timeout: 60_000 });
    await page.getByLabel('Name', { exact: true }).fill(imageName);
    await page.getByLabel('Source', { exact: true }).selectOption({ label: 'Container image' });
    await page.getByLabel('Image reference').fill('not a reference');
    await page.getByLabel('Class name').fill('AdminWebThing');
    await page.getByRole('button', { name: 'Register image' }).click();
    await page.getByText('Give a reference with a tag or digest').waitFor();
    assert.equal(await page.getByLabel('Image reference').getAttribute('aria-invalid'), 'true');

    // A refusal only the pool can make lands on the field it names.
    await page.getByLabel('Source', { exact: true }).selectOption({ label: 'Built-in service' });
    await page.getByLabel('Service', { exact: true }).fill('no-such-service');
    await page.getByRole('button', { name: 'Register image' }).click();
    await page.locator('#image-service-error').getByText('must be one of').waitFor({ timeout: 30_000 });
    assert.equal(await page.getByLabel('Service', { exact: true }).getAttribute('aria-invalid'), 'true');
    await page.getByRole('alert').filter({ hasText: 'The image was not registered.' }).waitFor();

    await page.getByLabel('Source', { exact: true }).selectOption({ label: 'Container image' });
    await page.getByLabel('Image reference').fill(`ghcr.io/clove/${imageName}:1.0`);
    await page.getByRole('button', { name: 'Register image' }).click();
    await page.getByText(`Image ${imageName} registered.`).waitFor({ timeout: 30_000 });
    const row = page.getByRole('row', { name: new RegExp(imageName) });
    await row.getByText('Ready').waitFor();
    await row.getByText('1.0', { exact: true }).waitFor();

    const images = await get<ImageView[]>(`${platform.gateway}/pool/images`, admin.accessToken);
    assert.equal(images.status, 200, images.text);
    const image = images.body.find((candidate) => candidate.name === imageName);
    assert.ok(image, 'the pool lists the image');
    assert.equal(image.status, 'ready');
    assert.deepEqual(image.source, { kind: 'container', reference: `ghcr.io/clove/${imageName}:1.0` });
    imageId = image.id;
  });

  it('creates a template with one parameter, refusing invalid JSON first, and shows revision 1 and its documents', async () => {
    await goTo('/admin/templates');
    const standardRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'standard', exact: true }) });
    await standardRow.getByText('Built-in', { exact: true }).waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'New template' }).click();
    await page.waitForURL(`${platform.gateway}/admin/templates/new`);
    await page.getByRole('heading', { name: 'New template', level: 1 }).waitFor({ timeout: 60_000 });

    await page.getByLabel('Template name').fill(templateName);
    await page.getByLabel('Description', { exact: true }).fill('Made in the admin pages');
    await page.getByLabel('Component name').fill('web');
    const imageSelect = page.getByLabel('Image', { exact: true });
    await eventually(async () => (await imageSelect.locator('option', { hasText: imageName }).count()) === 1, 30_000, 'the pool images in the picker');
    await imageSelect.selectOption({ label: imageName });

    let posts = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/template/templates') posts += 1;
    });
    await page.getByLabel('Parameter schema (JSON)').fill('{ "type": "object", "properties": { ');
    await page.getByText('This is not valid JSON').waitFor();
    await page.getByRole('button', { name: 'Create template' }).click();
    await page.getByText('The parameter schema is not valid JSON; fix it before saving.').waitFor();
    assert.equal(posts, 0, 'nothing is sent while the schema is not JSON');

    await page.getByLabel('Parameter schema (JSON)').fill(VALID_SCHEMA);
    await page.getByText('Valid JSON and a valid parameter schema with 1 parameter.').waitFor();
    const preview = page.getByRole('region', { name: 'The form a seller gets' });
    await preview.getByRole('row', { name: /holdSeconds/ }).getByText('420').waitFor();

    await page.getByRole('button', { name: 'Add a variable' }).click();
    await page.getByLabel('Variable 1 name').fill('HOLD_SECONDS');
    await page.getByLabel('Variable 1 value from').selectOption({ label: 'A parameter' });
    await page.getByLabel('Variable 1 parameter').selectOption({ label: 'holdSeconds' });

    await page.getByRole('button', { name: 'Create template' }).click();
    await page.waitForURL(/\/admin\/templates\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    templateId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    assert.equal(posts, 1);
    await page.getByText('Saved as revision 1.').waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: `Template ${templateName}` }).waitFor();
    await page.getByRole('heading', { name: 'Kubernetes documents of revision 1 (3)' }).waitFor();
    for (const kind of ['Deployment', 'Service', 'HTTPRoute']) {
      const group = page.getByRole('region', { name: `${kind} (1)` });
      await group.waitFor();
      assert.match(await group.locator('pre').innerText(), new RegExp(`kind: ${kind}`));
    }
    const deployment = await page.getByRole('region', { name: 'Deployment (1)' }).locator('pre').innerText();
    assert.match(deployment, new RegExp(`image: ghcr\\.io/clove/${imageName}:1\\.0`));
    assert.match(deployment, /\$parameter: holdSeconds/);

    const read = await get<TemplateView>(`${platform.gateway}/template/templates/${templateId}`, seller.accessToken);
    assert.equal(read.status, 200, read.text);
    assert.equal(read.body.name, templateName);
    assert.equal(read.body.revision, 1);
    assert.deepEqual(Object.keys(read.body.parameters.properties), ['holdSeconds']);
  });

  it('explains that the image cannot be deleted while the template uses it', async () => {
    await goTo('/admin/pool');
    const row = page.getByRole('row', { name: new RegExp(imageName) });
    await row.getByText(templateName).waitFor({ timeout: 60_000 });
    await row.getByRole('button', { name: `Details of ${imageName}` }).click();
    await page.getByRole('heading', { name: `Image ${imageName}` }).waitFor();
    await page.getByRole('button', { name: 'Delete image' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByText(`This image cannot be deleted while templates use it: ${templateName}.`).waitFor({ timeout: 30_000 });
    assert.equal((await get(`${platform.gateway}/pool/images/${imageId}`, admin.accessToken)).status, 200);
  });

  it('saves an edit as revision 2 and still shows revision 1\'s documents', async () => {
    await goTo('/admin/templates');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: templateName, exact: true }) });
    await row.getByText('Custom', { exact: true }).waitFor({ timeout: 60_000 });
    await goTo(`/admin/templates/${templateId}`);
    await page.getByRole('heading', { name: `Template ${templateName}` }).waitFor({ timeout: 60_000 });
    await page.getByLabel('Description', { exact: true }).fill('Made in the admin pages, then edited');
    await page.getByLabel('Description in Korean').fill('관리 페이지에서 만들고 고친 템플릿');
    await page.getByLabel('Number of replicas').fill('2');
    await page.getByRole('button', { name: 'Save as new revision' }).click();
    await page.getByText('Saved as revision 2.').waitFor({ timeout: 30_000 });
    await page.getByText('Revision 2 (current)').first().waitFor();
    await page.getByRole('heading', { name: 'Kubernetes documents of revision 2 (3)' }).waitFor();
    assert.match(await page.getByRole('region', { name: 'Deployment (1)' }).locator('pre').innerText(), /replicas: 2/);

    await page.getByRole('button', { name: 'Revision 1', exact: true }).click();
    await page.getByRole('heading', { name: 'Kubernetes documents of revision 1 (3)' }).waitFor({ timeout: 30_000 });
    assert.match(await page.getByRole('region', { name: 'Deployment (1)' }).locator('pre').innerText(), /replicas: 1/);

    const read = await get<TemplateView>(`${platform.gateway}/template/templates/${templateId}`, admin.accessToken);
    assert.equal(read.body.revision, 2);
    assert.equal(read.body.description, 'Made in the admin pages, then edited');
    assert.deepEqual(read.body.translations, { ko: { description: '관리 페이지에서 만들고 고친 템플릿' } });
    await page.reload();
    await eventually(async () => (await page.getByLabel('Description in Korean').inputValue()) === '관리 페이지에서 만들고 고친 템플릿', 30_000, 'the editor to show it again');
  });

  it('copies the template as a new one, leaving the original as it was', async () => {
    const original = await get<TemplateFull>(`${platform.gateway}/template/templates/${templateId}`, admin.accessToken);
    await goTo(`/admin/templates/${templateId}`);
    await page.getByRole('heading', { name: `Template ${templateName}` }).waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Copy as a new template' }).click();
    await page.waitForURL(`${platform.gateway}/admin/templates/${templateId}/copy`);
    await page.getByRole('heading', { name: `Copy of template ${templateName}`, level: 1 }).waitFor({ timeout: 60_000 });
    await page.getByText(`A new template made from revision 2 of ${templateName}.`).waitFor();
    assert.equal(await page.getByLabel('Template name').inputValue(), `${templateName}-copy`);
    assert.equal(await page.getByLabel('Description in Korean').inputValue(), '관리 페이지에서 만들고 고친 템플릿');
    assert.equal(await page.getByLabel('Number of replicas').inputValue(), '2');

    // The original's name is taken: the refusal lands on the name.
    await page.getByLabel('Template name').fill(templateName);
    await page.getByRole('button', { name: 'Create template' }).click();
    await eventually(async () => (await page.getByLabel('Template name').getAttribute('aria-invalid')) === 'true', 30_000, 'the name refused');

    await page.getByLabel('Template name').fill(`${templateName}-copy`);
    await page.getByRole('button', { name: 'Create template' }).click();
    await page.waitForURL(/\/admin\/templates\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const copyId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    assert.notEqual(copyId, templateId);
    await page.getByText('Saved as revision 1.').waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: `Template ${templateName}-copy` }).waitFor();

    const copy = await get<TemplateFull>(`${platform.gateway}/template/templates/${copyId}`, admin.accessToken);
    assert.equal(copy.status, 200, copy.text);
    assert.equal(copy.body.revision, 1);
    assert.equal(copy.body.builtin, false);
    for (const field of ['description', 'translations', 'parameters', 'components', 'documents'] as const) {
      assert.deepEqual(copy.body[field], original.body[field], `the copy's ${field}`);
    }
    const after = await get<TemplateFull>(`${platform.gateway}/template/templates/${templateId}`, admin.accessToken);
    assert.deepEqual(after.body, original.body, 'the original is unchanged');
    assert.equal((await request('DELETE', `${platform.gateway}/template/templates/${copyId}`, { token: admin.accessToken })).status, 204);
  });

  it('deletes the template after a confirmation', async () => {
    await goTo(`/admin/templates/${templateId}`);
    await page.getByRole('heading', { name: `Template ${templateName}` }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Delete template' }).click();
    await page.getByText(`Delete the template ${templateName} and all its revisions?`).waitFor();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.waitForURL(`${platform.gateway}/admin/templates`, { timeout: 30_000 });
    await page.getByRole('heading', { name: 'Templates', level: 1 }).waitFor({ timeout: 60_000 });
    const gone = await get(`${platform.gateway}/template/templates/${templateId}`, admin.accessToken);
    assert.equal(gone.status, 404, gone.text);
    assert.equal(await page.getByRole('link', { name: templateName }).count(), 0);
  });


  it('deletes the image once no template uses it', async () => {
    await goTo('/admin/pool');
    const row = page.getByRole('row', { name: new RegExp(imageName) });
    await row.getByText('No template').waitFor({ timeout: 60_000 });
    // The pool gets a token it refuses for the details (as after a computer slept past its
    // expiry): the session is renewed and the details are asked for again.
    let detailReads = 0;
    const detailPath = `**/pool/images/${encodeURIComponent(imageId)}`;
    await page.route(detailPath, (route) => {
      const headers = route.request().headers();
      if (route.request().method() === 'GET' && detailReads++ === 0) headers.authorization = `${headers.authorization!.slice(0, -8)}AAAAAAAA`;
      return route.continue({ headers });
    });
    await row.getByRole('button', { name: `Details of ${imageName}` }).click();
    await page.getByRole('heading', { name: `Image ${imageName}` }).waitFor();
    assert.equal(detailReads, 2, 'refused once, then asked again with the renewed token');
    await page.unroute(detailPath);
    await page.getByRole('button', { name: 'Delete image' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await row.waitFor({ state: 'detached', timeout: 30_000 });
    assert.equal((await get(`${platform.gateway}/pool/images/${imageId}`, admin.accessToken)).status, 404);
  });
});
