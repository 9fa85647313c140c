/** Awaits a call that must fail and returns what it threw, typed as the caller expects. */
export async function rejectionOf<T = Error & Record<string, unknown>>(call: Promise<unknown>): Promise<T> {
  try {
    await call;
  } catch (err) {
    return err as T;
  }
  throw new Error("expected the call to fail, and it succeeded");
}
