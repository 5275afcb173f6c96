import { useLanguage } from '../language';
import { Link } from '../router';

export function NotFoundPage() {
  const { t } = useLanguage();
  return (
    <section aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">{t.notFoundHeading}</h1>
      <p>{t.notFoundText}</p>
      <p><Link href="/">{t.backHome}</Link></p>
    </section>
  );
}
