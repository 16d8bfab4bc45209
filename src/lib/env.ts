/** The process environment as the modules read it (process.env, or a test's own), never written to. */
export type Env = Readonly<Record<string, string | undefined>>;
