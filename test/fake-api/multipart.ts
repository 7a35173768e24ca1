// Minimal multipart/form-data parser for POST /case and POST /note (initializer + attachment parts).

import { BadRequest } from './errors';

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export function boundaryOf(contentType: string): string {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = match ? (match[1] ?? match[2]).trim() : '';
  if (boundary === '') {
    throw new BadRequest('multipart/form-data without a boundary.');
  }
  return boundary;
}

function parseHeaders(block: string): { name: string; filename?: string; contentType?: string } {
  let name: string | undefined;
  let filename: string | undefined;
  let contentType: string | undefined;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) {
      continue;
    }
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-type') {
      contentType = value;
    } else if (key === 'content-disposition') {
      name = /(?:^|;)\s*name="([^"]*)"/i.exec(value)?.[1];
      const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(value)?.[1];
      filename = star !== undefined ? safeDecode(star.trim()) : /filename="([^"]*)"/i.exec(value)?.[1];
    }
  }
  if (name === undefined) {
    throw new BadRequest('A multipart part has no Content-Disposition name.');
  }
  return { name, filename, contentType };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) {
    throw new BadRequest('multipart body does not contain its boundary.');
  }
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') {
      return parts;
    }
    if (body.subarray(pos, pos + 2).toString() !== '\r\n') {
      throw new BadRequest('Malformed multipart body (expected CRLF after boundary).');
    }
    const headerEnd = body.indexOf('\r\n\r\n', pos + 2);
    if (headerEnd < 0) {
      throw new BadRequest('Malformed multipart body (part headers not terminated).');
    }
    const headers = parseHeaders(body.subarray(pos + 2, headerEnd).toString('utf8'));
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) {
      throw new BadRequest('Malformed multipart body (missing closing boundary).');
    }
    parts.push({ ...headers, data: body.subarray(headerEnd + 4, next) });
    pos = next + 2;
  }
}
