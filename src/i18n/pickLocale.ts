// The language of a page: the first of the request's ui_locales (OpenID Connect: the client's
// choice for this sign-in) that we speak, else the browser's Accept-Language by preference, else
// English. "ko-KR" is served by "ko".

const MAX_TAGS = 20; // an Accept-Language header longer than this says nothing more useful

function acceptLanguage(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .slice(0, MAX_TAGS)
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((each) => /^\s*q=([\d.]+)\s*$/.exec(each)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ tag, q }) => tag && tag !== '*' && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map(({ tag }) => tag);
}

export function pickLocale(
  uiLocales: unknown,
  acceptLanguageHeader: string | undefined,
  available: readonly string[],
): string {
  const asked = typeof uiLocales === 'string' ? uiLocales.split(' ').filter(Boolean).slice(0, MAX_TAGS) : [];
  for (const tag of [...asked, ...acceptLanguage(acceptLanguageHeader)]) {
    const lower = tag.toLowerCase();
    if (available.includes(lower)) return lower;
    const primary = lower.split('-')[0] ?? '';
    if (available.includes(primary)) return primary;
  }
  return 'en';
}
