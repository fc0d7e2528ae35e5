import { describe, expect, it } from 'vitest';
import { runLatchkey } from '../../support/process.ts';

describe('latchkey sandbox tiktok', () => {
  it('runs the TikTok sandbox on its own port, speaking the v1.3 envelope', async () => {
    const proc = runLatchkey(['sandbox', 'tiktok', '--port', '0'], {});
    try {
      const [, url] = await proc.waitForOutput(/running at (http:\/\/\S+)/);
      const response = await fetch(`${url}/open_api/v1.3/bc/get/`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { code: number; request_id: string };
      expect(body.code).toBe(40104);
      expect(body.request_id).toBeTruthy();
    } finally {
      proc.child.kill('SIGTERM');
      expect((await proc.exited).code).toBe(0);
    }
  });

  it("runs the Pinterest sandbox on its own port, answering in Pinterest's error shape", async () => {
    const proc = runLatchkey(['sandbox', 'pinterest', '--port', '0'], {});
    try {
      const [, url] = await proc.waitForOutput(/running at (http:\/\/\S+)/);
      const response = await fetch(`${url}/v5/user_account`);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ code: 401, message: expect.any(String) });
    } finally {
      proc.child.kill('SIGTERM');
      expect((await proc.exited).code).toBe(0);
    }
  });

  it('refuses an unknown sandbox with the list of available ones', async () => {
    const proc = runLatchkey(['sandbox', 'myspace'], {});
    expect((await proc.exited).code).toBe(1);
    expect(proc.output()).toMatch(
      /Available: tiktok, linkedin, pinterest, microsoft_ads, snapchat/,
    );
  });
});
