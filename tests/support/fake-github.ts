/**
 * Plays GitHub's two OAuth endpoints on 127.0.0.1 (GitHub itself cannot be
 * reached from tests): the authorize page approves at once and redirects back
 * with a code, and the token endpoint answers as GitHub does — HTTP 200 with
 * either `access_token` or `error` — unless a test scripts another answer.
 */
import { createServer, type Server } from 'node:http';

export interface AuthorizeVisit {
  query: URLSearchParams;
}

export interface TokenRequest {
  accept: string | undefined;
  contentType: string | undefined;
  form: URLSearchParams;
}

export interface ScriptedAnswer {
  status: number;
  body: string;
}

export interface FakeGitHub {
  origin: string;
  authorizeUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** The token a good exchange returns. */
  token: string;
  authorizeVisits: AuthorizeVisit[];
  tokenRequests: TokenRequest[];
  /** Replaces the token endpoint's normal answer, for the next exchanges. */
  scriptTokenAnswer(answer: ScriptedAnswer | undefined): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeGitHub(): Promise<FakeGitHub> {
  const clientId = 'Iv1.test-client-id';
  const clientSecret = 'test-client-secret-never-shown';
  const token = 'gho_testTokenFromFakeGitHub';
  const issuedCodes = new Set<string>();
  let scripted: ScriptedAnswer | undefined;
  let counter = 0;
  const authorizeVisits: AuthorizeVisit[] = [];
  const tokenRequests: TokenRequest[] = [];

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'GET' && url.pathname === '/login/oauth/authorize') {
      authorizeVisits.push({ query: url.searchParams });
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      const code = `code-${++counter}`;
      issuedCodes.add(code);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      response.writeHead(302, { Location: back.href }).end();
      return;
    }
    if (request.method === 'POST' && url.pathname === '/login/oauth/access_token') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        tokenRequests.push({ accept: request.headers.accept, contentType: request.headers['content-type'], form });
        if (scripted) {
          response.writeHead(scripted.status, { 'Content-Type': 'application/json' }).end(scripted.body);
          return;
        }
        const code = form.get('code') ?? '';
        const valid = form.get('client_id') === clientId && form.get('client_secret') === clientSecret;
        const body = !valid
          ? { error: 'incorrect_client_credentials', error_description: 'The client_id and/or client_secret passed are incorrect.' }
          : issuedCodes.delete(code)
            ? { access_token: token, token_type: 'bearer', scope: 'repo' }
            : { error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.' };
        response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      });
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  return {
    origin,
    authorizeUrl: `${origin}/login/oauth/authorize`,
    tokenUrl: `${origin}/login/oauth/access_token`,
    clientId,
    clientSecret,
    token,
    authorizeVisits,
    tokenRequests,
    scriptTokenAnswer(answer) {
      scripted = answer;
    },
    reset() {
      scripted = undefined;
      authorizeVisits.length = 0;
      tokenRequests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
