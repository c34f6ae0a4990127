// An artifact's payload without its own id: `jti` is dropped and every other string that contains
// the id (an interaction's returnTo URL) keeps a marker in its place. The id comes back on the way
// out, from the id the look-up was made with. Markers are escaped, so no value (a `state` sent by
// anyone) can forge one. The id of the session an interaction belongs to (its cookie) is stored as
// that session's keyed hash: oidc-provider never reads it back.
import type { ArtifactPayload } from '../Store.js';
import type { Hasher } from './Hasher.js';

const ESCAPE = '\u0001';
const ID_MARK = `${ESCAPE}i`;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape is a control character on purpose
const MARKS = /\u0001([\u0001i])/g;

type Json = unknown;

/**
 * `value` with `change` applied to every string in it. What nothing changed is returned as it is,
 * not copied: on almost every look-up no string holds the id or a marker, and the walk then
 * allocates nothing.
 */
function mapStrings(value: Json, change: (text: string) => string): Json {
  if (typeof value === 'string') return change(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => mapStrings(item, change));
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  let copy: Record<string, Json> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const changed = mapStrings(item, change);
    if (changed === item) continue;
    copy ??= { ...value };
    copy[key] = changed;
  }
  return copy ?? value;
}

export function payloadWithoutId(payload: ArtifactPayload, id: string, hasher: Hasher): ArtifactPayload {
  const { jti: _jti, ...rest } = payload;
  const session = rest.session as { cookie?: unknown } | undefined;
  const hide = (text: string) =>
    text.includes(ESCAPE) || text.includes(id)
      ? text.replaceAll(ESCAPE, ESCAPE + ESCAPE).replaceAll(id, ID_MARK)
      : text;
  const stored = mapStrings(rest, hide) as ArtifactPayload;
  if (typeof session?.cookie === 'string') {
    stored.session = { ...(stored.session as object), cookie: hasher.digest(session.cookie) };
  }
  return stored;
}

/** The payload as oidc-provider saved it; `id` undefined when the look-up was by uid (no jti then). */
export function payloadWithId(stored: ArtifactPayload, id: string | undefined): ArtifactPayload {
  const show = (text: string) =>
    text.includes(ESCAPE) ? text.replace(MARKS, (_, mark: string) => (mark === 'i' ? (id ?? '') : ESCAPE)) : text;
  const payload = mapStrings(stored, show) as ArtifactPayload;
  return id === undefined ? payload : { ...payload, jti: id };
}
