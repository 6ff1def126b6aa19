import { LANGS, loadLanguage } from '../src/i18n/lang';

// Every language's words are loaded before any test runs: in the browser they load when a language is first chosen,
// and the tests read them synchronously.
await Promise.all(LANGS.map((lang) => loadLanguage(lang)));
