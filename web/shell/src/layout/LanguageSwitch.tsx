import { useLanguage } from '../language';
import type { Lang } from '../session/session';

const choices: { lang: Lang; label: string }[] = [
  { lang: 'ko', label: '한국어' },
  { lang: 'en', label: 'English' },
];

export function LanguageSwitch() {
  const { lang, t, setLang } = useLanguage();
  return (
    <div role="group" aria-label={t.language} className="language-switch">
      {choices.map((choice) => (
        <button
          key={choice.lang}
          type="button"
          lang={choice.lang}
          aria-pressed={lang === choice.lang}
          onClick={() => setLang(choice.lang)}
        >
          {choice.label}
        </button>
      ))}
    </div>
  );
}
