import { useEffect, useRef, useState } from 'react';
import { AppLink } from '../components/AppLink';
import { messages } from '../i18n';
import type { RemotePageProps } from '../session';
import { BookersSection } from './bookers/BookersSection';
import { SalesSection } from './sales/SalesSection';
import type { SellerSection } from './sections';
import { SectionNav } from './SectionNav';
import { SetupSection } from './setup/SetupSection';
import { useSellerShow } from './useSellerShow';
import '../styles.css';
import './seller.css';

export interface SellerShowPageProps extends RemotePageProps {
  slug: string;
  section: SellerSection;
}

/**
 * A seller's pages of one performance: setup (information and seat map), bookers and sales.
 * The shell keeps this page mounted while only `section` changes, so a section once opened
 * stays (hidden) with its unsaved edits, and focus moves to the section shown.
 */
export default function SellerShowPage(props: SellerShowPageProps) {
  const { lang, slug, section, session, navigate } = props;
  const t = messages(lang);
  const s = t.seller;
  const seller = session && session.user.role !== 'buyer' ? session : null;
  const show = useSellerShow(slug, seller?.accessToken);
  const [opened, setOpened] = useState<ReadonlySet<SellerSection>>(() => new Set([section]));
  const headings = useRef<Partial<Record<SellerSection, HTMLHeadingElement | null>>>({});
  const shownSection = useRef(section);

  useEffect(() => {
    setOpened((previous) => (previous.has(section) ? previous : new Set(previous).add(section)));
    if (shownSection.current !== section) {
      shownSection.current = section;
      headings.current[section]?.focus();
    }
  }, [section]);
  const mounted = (name: SellerSection) => name === section || opened.has(name);

  const title = show.state.status === 'registered' ? show.state.show.title : slug;
  const headingRef = (name: SellerSection) => (element: HTMLHeadingElement | null) => {
    headings.current[name] = element;
  };

  return (
    <article className="tk-page tk-seller" aria-labelledby="seller-heading">
      <p className="tk-seller-crumbs">
        <AppLink href="/console" navigate={navigate}>{s.backToConsole}</AppLink>
        <span aria-hidden="true"> · </span>
        <AppLink href={`/shows/${encodeURIComponent(slug)}`} navigate={navigate}>{s.openStorefront}</AppLink>
      </p>
      <h1 id="seller-heading">{title}</h1>
      {show.state.status === 'registered' && <p className="hint">{s.slugLine(slug)}</p>}
      <SectionNav slug={slug} current={section} t={s} navigate={navigate} />
      {!seller ? (
        <div role="alert" className="tk-panel tk-panel-error">
          <p>{s.logInAsSeller}</p>
          <AppLink href="/login" navigate={navigate} className="tk-button tk-button-primary">{t.logIn}</AppLink>
        </div>
      ) : show.state.status === 'missing' || show.state.status === 'not-yours' ? (
        <div role="alert" className="tk-panel tk-panel-error">
          <p>{show.state.status === 'missing' ? s.missingShow(slug) : s.notYourShow}</p>
          <AppLink href="/console" navigate={navigate} className="tk-button">{s.backToConsole}</AppLink>
        </div>
      ) : (
        <>
          {mounted('setup') && (
            <SetupSection
              {...props}
              session={seller}
              t={t}
              show={show}
              active={section === 'setup'}
              headingRef={headingRef('setup')}
            />
          )}
          {mounted('bookers') && (
            <BookersSection {...props} session={seller} t={t} active={section === 'bookers'} headingRef={headingRef('bookers')} />
          )}
          {mounted('sales') && (
            <SalesSection {...props} session={seller} t={t} active={section === 'sales'} headingRef={headingRef('sales')} />
          )}
        </>
      )}
    </article>
  );
}
