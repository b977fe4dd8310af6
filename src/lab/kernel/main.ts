/**
 * dist/labKernel.js: the kernel child the extension host starts (see child.ts). Run by hand it
 * prints its usage; it is not meant to be.
 */
import { runKernelChild } from './child';

if (!runKernelChild(process.argv.slice(2))) {
  process.stderr.write('usage: labKernel.js --lab-kernel STORY (started by TCP Tutor; try `npm run lab -- --list`)\n');
  process.exit(2);
}
