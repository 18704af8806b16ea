export { HelloPlugin } from './hello.plugin.js';
