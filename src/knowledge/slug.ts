/**
 * A stable, URL-safe id from a question: "What Is Netflix’s Approach to Open Source?" →
 * "what-is-netflixs-approach-to-open-source". Apostrophes vanish rather than split words.
 */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug === '' ? 'entry' : slug;
}
