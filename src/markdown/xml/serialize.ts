/**
 * The one XML serializer. Every byte of storage format goes through here, and this file owns
 * every escape: text, attribute values, CDATA, and the characters XML 1.0 forbids.
 *
 * Only the XML predefined entities (`&amp;` `&lt;` `&gt;` `&quot;`) and numeric character
 * references are written, never HTML named entities (`&nbsp;`): Confluence resolves the XHTML set
 * but a strict XML parser (and our own validator) does not.
 */
import type { XNode } from './nodes.js';

/**
 * Characters XML 1.0 forbids anywhere in a document: C0 controls except tab/LF/CR, U+FFFE,
 * U+FFFF, and UTF-16 surrogates that are not part of a pair. Confluence answers
 * `400 Error parsing xhtml` for any of them, so they are removed rather than escaped (numeric
 * references to them are just as illegal).
 */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `ac:structured-macro`, `p`, `ri:page`: an XML name with at most one prefix. */
const NAME = /^[A-Za-z_][A-Za-z0-9._-]*(?::[A-Za-z_][A-Za-z0-9._-]*)?$/;

/** Remove the characters XML 1.0 does not allow (see `FORBIDDEN`). */
export function stripForbidden(value: string): string {
  return value.replace(FORBIDDEN, '');
}

/** Escape character data. `>` is escaped too, so `]]>` can never appear in text. */
export function escapeText(value: string): string {
  return stripForbidden(value).replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/**
 * Escape an attribute value for double quotes. Tab, LF and CR become numeric references because
 * XML attribute-value normalisation would otherwise turn them into spaces.
 */
export function escapeAttribute(value: string): string {
  return stripForbidden(value).replace(/[&<>"\t\n\r]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return `&#${c.charCodeAt(0)};`;
    }
  });
}

/**
 * A CDATA section. Entities are not decoded inside CDATA, so `]]>` cannot be escaped there: the
 * only way is to end the section between `]]` and `>` and start a new one
 * (`]]>` → `]]]]><![CDATA[>`), as Confluence's own exporters do.
 */
export function serializeCdata(value: string): string {
  return '<![CDATA[' + stripForbidden(value).replaceAll(']]>', ']]]]><![CDATA[>') + ']]>';
}

function checkName(name: string): string {
  // Names come from code constants; a bad one is a converter bug, never user input.
  if (!NAME.test(name)) throw new Error(`Invalid XML name \`${name}\``);
  return name;
}

/** Serialize one node (and its descendants). */
export function serializeNode(node: XNode): string {
  switch (node.type) {
    case 'text':
      return escapeText(node.value);
    case 'cdata':
      return serializeCdata(node.value);
    case 'element': {
      const name = checkName(node.name);
      let open = '<' + name;
      for (const [key, value] of Object.entries(node.attributes)) {
        if (value === undefined) continue;
        open += ' ' + checkName(key) + '="' + escapeAttribute(value) + '"';
      }
      if (node.children.length === 0) return open + '/>';
      return open + '>' + serialize(node.children) + '</' + name + '>';
    }
  }
}

/** Serialize a list of sibling nodes. */
export function serialize(nodes: readonly XNode[], separator = ''): string {
  return nodes.map(serializeNode).join(separator);
}
