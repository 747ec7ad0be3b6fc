import { renderFixed as render } from './helpers';

describe('sprig base32', () => {
  it.each([
    ['{{ b32enc "Hello" }} {{ b32enc "f" }} {{ b32enc "fo" }} {{ b32enc "" }}|', 'JBSWY3DP MY====== MZXQ==== |'],
    ['{{ b32dec "JBSWY3DP" }} {{ b32dec "MY======" }} {{ b32dec "MZXQ====" }} {{ b32dec "JBSW\\nY3DP" }}', 'Hello f fo Hello'],
    // like b64dec, errors come back as the output
    ['{{ b32dec "JBSWY3D" }}', 'illegal base32 data at input byte 0'],
    ['{{ b32dec "JBSWY3DP!" }}', 'illegal base32 data at input byte 8'],
    ['{{ b32dec "jbswy3dp" }}', 'illegal base32 data at input byte 0'],
    ['{{ b32dec "MY=====" }}', 'illegal base32 data at input byte 7'],
  ])('%s -> %j', (text, expected) => {
    expect(render(text)).toBe(expected);
  });
});
