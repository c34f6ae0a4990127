// examples/apache: Apache with mod_auth_openidc protecting /protected, configured by
// examples/apache/ostiary.conf as an operator would include it. Chromium opens the protected page,
// signs in at Ostiary and gets the page, with the person's email as the remote user. Without
// Debian's apache2 and libapache2-mod-auth-openidc the test is skipped, saying so (.ci/run
// installs them).
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { allowIfAsked, logIn } from '../browser/signInSteps.js';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { chromiumForFile } from '../helpers/browser.js';
import { eventually } from '../helpers/eventually.js';
import { freePort } from '../helpers/freePort.js';
import { tempDir } from '../helpers/tempDir.js';
import { world } from '../helpers/world.js';

const HTTPD = '/usr/sbin/apache2';
const MODULES = '/usr/lib/apache2/modules';
const FRAGMENT = fileURLToPath(new URL('../../examples/apache/ostiary.conf', import.meta.url));
const available = existsSync(HTTPD) && existsSync(join(MODULES, 'mod_auth_openidc.so'));
const openTab = chromiumForFile(test);

if (!available) {
  test('apache: skipped', (t) => {
    t.log(
      'apache2 or libapache2-mod-auth-openidc is not installed: apt-get install apache2 libapache2-mod-auth-openidc',
    );
    t.pass();
  });
}

(available ? test : test.skip)(
  'Apache with mod_auth_openidc signs a person in at Ostiary and serves the protected page',
  async (t) => {
    const w = await world();
    t.teardown(() => w.op.stop());
    const port = await freePort();
    const site = `http://127.0.0.1:${port}`;
    const client = await admin<RegisteredClient>(
      w.op.store,
      ...['client', 'add', '--name', 'Apache app', '--redirect-uri', `${site}/protected/redirect_uri`],
      ...['--scope', 'openid email profile'],
    );
    const root = tempDir('apache');
    mkdirSync(join(root, 'htdocs', 'protected'), { recursive: true });
    writeFileSync(
      join(root, 'htdocs', 'protected', 'index.html'),
      '<!doctype html><title>Protected</title><h1>Behind Apache</h1>',
    );
    // A minimal server around the example's fragment, as an operator's site would include it.
    writeFileSync(
      join(root, 'httpd.conf'),
      [
        `ServerRoot ${root}`,
        `Listen 127.0.0.1:${port}`,
        'ServerName 127.0.0.1',
        // As root, httpd's children run as a user of their own (Debian's), who must read the site.
        ...(process.getuid?.() === 0 ? ['User www-data', 'Group www-data'] : []),
        `PidFile ${root}/httpd.pid`,
        `ErrorLog ${root}/error.log`,
        'LogLevel warn auth_openidc:info',
        `LoadModule mpm_event_module ${MODULES}/mod_mpm_event.so`,
        `LoadModule authn_core_module ${MODULES}/mod_authn_core.so`,
        `LoadModule authz_core_module ${MODULES}/mod_authz_core.so`,
        `LoadModule authz_user_module ${MODULES}/mod_authz_user.so`,
        `LoadModule mime_module ${MODULES}/mod_mime.so`,
        'TypesConfig /etc/mime.types',
        `DocumentRoot ${root}/htdocs`,
        `Include ${FRAGMENT}`,
        '',
      ].join('\n'),
    );
    for (const path of [root, join(root, 'htdocs'), join(root, 'htdocs', 'protected')]) chmodSync(path, 0o755);
    const httpd = spawn(HTTPD, ['-f', join(root, 'httpd.conf'), '-DFOREGROUND'], {
      env: {
        ...process.env,
        OSTIARY_ISSUER: w.op.url,
        OIDC_CLIENT_ID: client.client_id,
        OIDC_CLIENT_SECRET: client.client_secret as string,
        OIDC_REDIRECT_URI: `${site}/protected/redirect_uri`,
        OIDC_CRYPTO_PASSPHRASE: 'a test passphrase that is long enough',
        APACHE_RUN_DIR: root,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    httpd.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    t.teardown(() => {
      httpd.kill('SIGTERM');
    });
    const up = await eventually(async () => (await fetch(site).catch(() => undefined)) !== undefined, 10_000);
    if (!up.held) t.log(stderr);
    if (!up.held)
      t.log(existsSync(join(root, 'error.log')) ? readFileSync(join(root, 'error.log'), 'utf8') : 'no error.log');
    t.true(up.held, 'Apache started');

    const { page } = await openTab(t);
    await page.goto(`${site}/protected/index.html`);
    await logIn(page);
    await allowIfAsked(page, w.op.url);
    await page.waitForURL(`${site}/protected/index.html`);
    t.is(await page.getByRole('heading', { level: 1 }).textContent(), 'Behind Apache');
    t.is(w.op.auditLines.filter((line) => line.event === 'login.success').length, 1);
    t.true(w.op.auditLines.some((line) => line.event === 'consent.granted' && line.clientId === client.client_id));
  },
);
