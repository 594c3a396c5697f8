// People's Markdown (summaries, narratives, lessons, comments…) shown as formatted text.
//
// The text is parsed into a syntax tree (mdast, GitHub-flavoured: tables, strikethrough, task
// lists, autolinks) and each node becomes a Preact element here. Nothing is ever turned into HTML
// from a string, so whatever people type stays text:
// - raw HTML in the text (`<service>`, `<script>`) is shown literally, as typed;
// - links are drawn only for http(s) addresses with a host (isSafeLink); others show their text;
// - images load nothing: they become a link to the image, so no third party learns who reads.
// (One dependency, decode-named-character-reference, decodes named entities such as &amp; in its
// browser build through the innerHTML of a detached element; vite.config.ts points it at its
// table-based build instead, so that promise holds for every line in the bundle we chose.)
import type { ComponentChildren } from "preact";
import { useMemo } from "preact/hooks";
import type { Definition, List, ListItem, Nodes, Parents, Root, Table } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { isSafeLink } from "../links";
import { ExternalLink } from "./external_link";

// Markdown headings sit below the headings of the page around them: "#" in a summary is a heading
// inside the summary's card (an h4), never a second page title.
const kHeadingOffset = 3;

interface Context {
  definitions: Map<string, Definition>;
  // Whether paragraphs in the list item being drawn are shown without their own spacing (a
  // "tight" list, written without blank lines between items).
  tight: boolean;
}

export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

// The elements for `text`, or null when it holds nothing to show.
export function markdownElements(text: string): ComponentChildren {
  if (text.trim() === "") return null;
  const tree = parseMarkdown(text);
  const definitions = new Map<string, Definition>();
  collectDefinitions(tree, definitions);
  return children(tree, { definitions, tight: false });
}

export function Markdown({ text, class: className }: { text: string; class?: string }) {
  const content = useMemo(() => markdownElements(text), [text]);
  if (content === null) return null;
  return <div class={className ? `markdown ${className}` : "markdown"}>{content}</div>;
}

function collectDefinitions(node: Nodes, into: Map<string, Definition>): void {
  if (node.type === "definition") {
    // The first definition of a label wins, as in CommonMark.
    if (!into.has(node.identifier)) into.set(node.identifier, node);
    return;
  }
  if ("children" in node) for (const child of node.children) collectDefinitions(child, into);
}

// Nodes that hold blocks (paragraphs, lists…) rather than words.
const kBlockContainers = new Set(["root", "blockquote", "listItem", "footnoteDefinition"]);

function children(parent: Parents, context: Context): ComponentChildren[] {
  const block = kBlockContainers.has(parent.type);
  return parent.children.map((child) => element(child as Nodes, context, block));
}

// The text a node holds, for places that show no formatting (an image's replacement, say).
function plainText(node: Nodes): string {
  if ("value" in node && typeof node.value === "string") return node.value;
  if ("alt" in node && typeof node.alt === "string") return node.alt;
  if ("children" in node) return node.children.map((child) => plainText(child as Nodes)).join("");
  return "";
}

function link(url: string, content: ComponentChildren): ComponentChildren {
  // An unsafe address keeps its words but is not a link (ExternalLink draws it as text).
  return <ExternalLink url={url} class="markdown__link">{content}</ExternalLink>;
}

// An image is never loaded: a link to it with its description, or the description alone.
function image(url: string | undefined, alt: string): ComponentChildren {
  const description = alt.trim() || "image";
  if (url !== undefined && isSafeLink(url)) {
    return <ExternalLink url={url} class="markdown__image">{alt.trim() || url}</ExternalLink>;
  }
  return <span class="markdown__image">{description}</span>;
}

function listItems(list: List, context: Context): ComponentChildren[] {
  return list.children.map((item: ListItem) => {
    const itemContext = { ...context, tight: !list.spread && !item.spread };
    return (
      <li class={item.checked === null || item.checked === undefined ? undefined : "markdown__task"}>
        {item.checked !== null && item.checked !== undefined && (
          <input type="checkbox" checked={item.checked} disabled aria-label={item.checked ? "Done" : "Not done"} />
        )}
        {children(item, itemContext)}
      </li>
    );
  });
}

function table(node: Table, context: Context): ComponentChildren {
  const [head, ...body] = node.children;
  const alignment = (column: number) => {
    const align = node.align?.[column];
    return align ? `markdown__align-${align}` : undefined;
  };
  const cells = (row: Table["children"][number], header: boolean) =>
    row.children.map((cell, column) => header
      ? <th scope="col" class={alignment(column)}>{children(cell, context)}</th>
      : <td class={alignment(column)}>{children(cell, context)}</td>);
  return (
    <div class="markdown__table-scroller">
      <table class="table markdown__table">
        {head && <thead><tr>{cells(head, true)}</tr></thead>}
        {body.length > 0 && <tbody>{body.map((row) => <tr>{cells(row, false)}</tr>)}</tbody>}
      </table>
    </div>
  );
}

// `block`: whether the node stands among blocks (else it is inside a line of text).
function element(node: Nodes, context: Context, block: boolean): ComponentChildren {
  switch (node.type) {
    case "root":
      return children(node, context);
    case "paragraph":
      return context.tight ? <>{children(node, context)}</> : <p>{children(node, context)}</p>;
    case "heading": {
      const Heading = `h${Math.min(6, node.depth + kHeadingOffset)}` as "h4" | "h5" | "h6";
      return <Heading class="markdown__heading">{children(node, context)}</Heading>;
    }
    case "text":
      return node.value;
    case "emphasis":
      return <em>{children(node, context)}</em>;
    case "strong":
      return <strong>{children(node, context)}</strong>;
    case "delete":
      return <del>{children(node, context)}</del>;
    case "inlineCode":
      return <code>{node.value}</code>;
    case "code":
      return <pre class="markdown__code"><code>{node.value}</code></pre>;
    case "blockquote":
      return <blockquote>{children(node, { ...context, tight: false })}</blockquote>;
    case "list": {
      const items = listItems(node, context);
      return node.ordered
        ? <ol start={node.start !== null && node.start !== undefined && node.start !== 1 ? node.start : undefined}>{items}</ol>
        : <ul>{items}</ul>;
    }
    case "listItem":
      return <li>{children(node, context)}</li>;
    case "thematicBreak":
      return <hr />;
    case "break":
      return <br />;
    case "html":
      // Raw HTML is words the person typed (often a placeholder such as <service>): show them
      // as written, never as markup. On a line of its own it is a paragraph that keeps its
      // line breaks.
      return block ? <p class="markdown__literal">{node.value}</p> : node.value;
    case "link":
      return link(node.url, children(node, context));
    case "linkReference": {
      const definition = context.definitions.get(node.identifier);
      return definition ? link(definition.url, children(node, context)) : children(node, context);
    }
    case "image":
      return image(node.url, node.alt ?? "");
    case "imageReference":
      return image(context.definitions.get(node.identifier)?.url, node.alt ?? "");
    case "definition":
      return null;
    case "table":
      return table(node, context);
    case "tableRow":
    case "tableCell":
      return children(node, context);
    case "footnoteReference":
      return <sup class="markdown__footnote-ref">[{node.label ?? node.identifier}]</sup>;
    case "footnoteDefinition":
      return (
        <div class="markdown__footnote">
          <sup>[{node.label ?? node.identifier}]</sup> {children(node, { ...context, tight: true })}
        </div>
      );
    default:
      // Kinds of node this renderer does not know (from a future parser version) keep their text.
      return plainText(node);
  }
}
