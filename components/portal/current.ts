/** Which of these links is the page you are on: the longest href that is the path or one of its parents. */
export function currentHref(pathname: string, hrefs: string[]): string | undefined {
  return hrefs.filter((href) => pathname === href || pathname.startsWith(`${href}/`)).sort((a, b) => b.length - a.length)[0];
}
