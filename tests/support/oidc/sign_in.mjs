// Follows a sign-in from debrief's authorization URL through the test provider, as a browser
// would, and prints where the provider sends the browser back: the redirect URI with its code
// and state.
//   node sign_in.mjs <authorization URL> <person> <redirect URI prefix>
import { signInAtProvider } from './sign_in_flow.mjs';

const [start, person, back] = process.argv.slice(2);
try {
  console.log((await signInAtProvider(start, person, back)).href);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
