// Sign-in as a sandbox person (no password) and sign-out; the dialog and console send people here.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SandboxRuntime } from '../runtime.ts';
import { actionForm, esc, page } from './html.ts';
import { currentUser, safeNext, signIn, signOut } from './session.ts';

type Form = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Registers `<prefix>/signin` (GET list, POST choose) and `<prefix>/signout`. */
export function registerSigninPages(app: FastifyInstance, rt: SandboxRuntime): void {
  const base = app.prefix;
  const html = (reply: FastifyReply, body: string, status = 200) =>
    reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(body);

  app.get('/signin', async (request, reply) => {
    const next = safeNext(base, one((request.query as Form).next));
    const people = rt.model.state.users
      .map(
        (u) =>
          `<tr><td>${esc(u.name)}</td><td>${esc(u.email)}</td><td>${actionForm(`${base}/signin`, { userId: u.id, next }, `Continue as ${u.name}`, `signin-user-${u.id}`)}</td></tr>`,
      )
      .join('');
    return html(
      reply,
      page(
        base,
        'Log in to Facebook',
        `<section><p>Sandbox: pick a person (no password).</p><table data-testid="signin-users">${people}</table></section>`,
        currentUser(rt, request),
      ),
    );
  });
  app.post('/signin', async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const user = rt.model.state.users.find((u) => u.id === one(form.userId));
    if (!user)
      return html(
        reply,
        page(
          base,
          'Log in',
          '<section class="error" data-testid="signin-error">Unknown person</section>',
        ),
        400,
      );
    signIn(rt, reply, base, user.id);
    return reply
      .code(303)
      .header('location', safeNext(base, one(form.next)))
      .send();
  });
  app.post('/signout', async (request, reply) => {
    signOut(rt, request, reply, base);
    return reply.code(303).header('location', `${base}/signin`).send();
  });
}
