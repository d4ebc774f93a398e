import { buildMultipart, quoteHeaderValue } from '../../src/confluence/multipart.js';

test('file part, UTF-8 text part with its content type, plain field', async () => {
  const { body, contentType } = buildMultipart(
    [
      {
        name: 'file',
        filename: 'diagram "v2".png',
        data: new Uint8Array([0, 255, 10]),
        contentType: 'image/png',
      },
      { name: 'comment', value: 'sha256:ab — ü', contentType: 'text/plain; charset=utf-8' },
      { name: 'minorEdit', value: 'true' },
    ],
    'BOUNDARY',
  );
  expect(contentType).toBe('multipart/form-data; boundary=BOUNDARY');
  const bytes = Buffer.from(await body.arrayBuffer());
  const expected = Buffer.concat([
    Buffer.from(
      '--BOUNDARY\r\nContent-Disposition: form-data; name="file"; filename="diagram %22v2%22.png"\r\nContent-Type: image/png\r\n\r\n',
    ),
    Buffer.from([0, 255, 10]),
    Buffer.from(
      '\r\n--BOUNDARY\r\nContent-Disposition: form-data; name="comment"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nsha256:ab — ü\r\n' +
        '--BOUNDARY\r\nContent-Disposition: form-data; name="minorEdit"\r\n\r\ntrue\r\n--BOUNDARY--\r\n',
    ),
  ]);
  expect(bytes.equals(expected)).toBe(true);
});

test('the body parses back with the platform multipart parser', async () => {
  const { body, contentType } = buildMultipart([
    { name: 'file', filename: 'ä.txt', data: new TextEncoder().encode('hello'), contentType: 'text/plain' },
    { name: 'comment', value: 'sha256:0f', contentType: 'text/plain; charset=utf-8' },
  ]);
  const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  const file = form.get('file');
  expect(file).toBeInstanceOf(Blob);
  expect(await (file as Blob).text()).toBe('hello');
  expect((file as File).name).toBe('ä.txt');
});

test('header values escape quotes and line breaks', () => {
  expect(quoteHeaderValue('a"b\r\nc')).toBe('"a%22b%0D%0Ac"');
});
