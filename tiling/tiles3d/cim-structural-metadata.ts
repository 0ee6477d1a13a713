/**
 * EXT_structural_metadata as cimflow writes it: glTF-Transform's EXTStructuralMetadata (which reads
 * and writes property tables and links them to EXT_mesh_features feature IDs) plus two things the
 * spec asks for that it leaves out:
 *  - the metadata schema is written verbatim from the cim-model JSON (upstream drops `semantic`);
 *  - property arrays start on 8-byte boundaries of the buffer (EXT_structural_metadata
 *    §"Binary Data Storage": 8-byte alignment so 64-bit values can be read in place).
 * Create it after any compression extension, so that its `write` runs last.
 */
import type { GLTF, WriterContext } from '@gltf-transform/core';
import { EXTStructuralMetadata } from '@gltf-transform/extensions';
import type { MetadataSchema } from '../../cim-model/index.ts';

const GLB_BUFFER = '@glb.bin';
const ALIGN = 8;

const align = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

interface Segment { byteOffset: number; byteLength: number; refs: Array<{ byteOffset?: number }> }

export class CimStructuralMetadata extends EXTStructuralMetadata {
  /** The schema written into the glb, verbatim. */
  schemaJson: MetadataSchema | undefined;

  override write(context: WriterContext): this {
    super.write(context);
    const json = context.jsonDoc.json;
    const def = json.extensions?.[this.extensionName] as { schema?: unknown; schemaUri?: string } | undefined;
    if (!def) return this;
    if (this.schemaJson) {
      def.schema = this.schemaJson;
      delete def.schemaUri;
    }
    this.alignPropertyArrays(context);
    return this;
  }

  /**
   * Lays the buffer out again from the first property array on, every segment starting at a
   * multiple of 8. Property arrays are the buffer's tail (they are added at the last buffer
   * prewrite), but other extensions' segments after them are moved along and re-pointed too.
   */
  private alignPropertyArrays(context: WriterContext): void {
    const json = context.jsonDoc.json;
    const bufferViews = json.bufferViews ?? [];
    const mine: number[] = [];
    const root = this.document.getRoot().getExtension<ReturnType<EXTStructuralMetadata['createStructuralMetadata']>>(this.extensionName);
    for (const table of root?.listPropertyTables() ?? []) {
      for (const column of table.listPropertyValues()) {
        for (const data of [column.getValues(), column.getArrayOffsets(), column.getStringOffsets()]) {
          const index = data ? context.otherBufferViewsIndexMap.get(data) : undefined;
          if (index !== undefined) mine.push(index);
        }
      }
    }
    if (mine.length === 0 || mine.every((i) => (bufferViews[i].byteOffset ?? 0) % ALIGN === 0)) return;
    const bufferIndex = bufferViews[mine[0]].buffer;
    const bufferDef = json.buffers![bufferIndex];
    const uri = bufferDef.uri ?? GLB_BUFFER;
    const data = context.jsonDoc.resources[uri];
    const start = Math.min(...mine.map((i) => bufferViews[i].byteOffset ?? 0));

    const segments = new Map<number, Segment>();
    const addRef = (ref: { byteOffset?: number; byteLength: number }): void => {
      const byteOffset = ref.byteOffset ?? 0;
      if (byteOffset < start) return;
      const segment = segments.get(byteOffset) ?? { byteOffset, byteLength: 0, refs: [] };
      segment.byteLength = Math.max(segment.byteLength, ref.byteLength);
      segment.refs.push(ref);
      segments.set(byteOffset, segment);
    };
    for (const view of bufferViews) {
      if (view.buffer === bufferIndex) addRef(view);
      const meshopt = (view.extensions as Record<string, { buffer: number; byteOffset?: number; byteLength: number }> | undefined)?.EXT_meshopt_compression;
      if (meshopt && meshopt.buffer === bufferIndex) addRef(meshopt);
    }

    const ordered = [...segments.values()].sort((a, b) => a.byteOffset - b.byteOffset);
    let end = align(start);
    const placed = ordered.map((segment) => {
      const at = align(end);
      end = at + segment.byteLength;
      return at;
    });
    const out = new Uint8Array(align(end));
    out.set(data.subarray(0, start));
    ordered.forEach((segment, i) => {
      out.set(data.subarray(segment.byteOffset, segment.byteOffset + segment.byteLength), placed[i]);
      for (const ref of segment.refs) ref.byteOffset = placed[i];
    });
    context.jsonDoc.resources[uri] = out;
    (bufferDef as GLTF.IBuffer).byteLength = out.byteLength;
  }
}
