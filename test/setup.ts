import { LANGS, loadLanguage } from '../src/i18n/lang';
import { loadChecker } from '../src/store/derived';

// Every language's words are loaded before any test runs: in the browser they load when a language is first chosen,
// and the tests read them synchronously.
await Promise.all(LANGS.map((lang) => loadLanguage(lang)));

// The page's fallback checker (the worker computes the verdict in the browser) is loaded after the first page there.
await loadChecker();
