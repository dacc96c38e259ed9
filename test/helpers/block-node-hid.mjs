// `node --import` this file to make `node-hid` unimportable, as on a machine without libusb.
import { register } from 'node:module';

const hook = `
export async function resolve(specifier, context, next) {
  if (specifier === 'node-hid') throw new Error('node-hid is blocked in this process');
  return next(specifier, context);
}`;
register('data:text/javascript,' + encodeURIComponent(hook));
