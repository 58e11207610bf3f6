/**
 * Where a workspace's help center is reached: its own host name when it has one (with the scheme of
 * HEED_PUBLIC_URL), else HEED_PUBLIC_URL itself, which serves the install's first workspace.
 */
export function helpBase(publicUrl: string, host: string | null): string {
  return host ? `${new URL(publicUrl).protocol}//${host}` : publicUrl;
}

/** The public address of an article in one language: <base>/help/<lang>/articles/<number>-<slug>. */
export function helpArticleUrl(base: string, lang: string, number: number, slug: string): string {
  return `${base}/help/${lang}/articles/${number}-${slug}`;
}
