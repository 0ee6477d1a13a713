/**
 * Tiny, targeted reader of osgconv's ASCII dumps (.osgt) and OBJ exports, used by the tests to
 * derive expected counts from the oracle files instead of hard-coding them. Not a general .osgt
 * parser: it pattern-matches the few properties the tests compare.
 */
export interface OsgtCounts {
  version: number;
  /** Class names of every object block, in order (shared references included). */
  classes: string[];
  /** Sum of `vector N` of each VertexArray / VertexData array. */
  vertices: number;
  /** Triangles of TRIANGLES primitive sets (DrawElements vector size / 3, DrawArrays Count / 3). */
  triangles: number;
  ranges: number[][];
  fileNames: string[][];
  userCenters: number[][];
  imageFileNames: string[];
}

export function parseOsgtCounts(text: string): OsgtCounts {
  const version = Number(/#Version (\d+)/.exec(text)?.[1] ?? 0);
  const classes = [...text.matchAll(/^\s*(osg\w*::\w+) \{/gm)].map((m) => m[1]);
  let vertices = 0;
  for (const m of text.matchAll(/(?:VertexArray TRUE|VertexData) \{[\s\S]*?vector (\d+)/g)) vertices += Number(m[1]);
  let triangles = 0;
  for (const m of text.matchAll(/osg::DrawElements\w+ \{[\s\S]*?Mode (\w+)\s+vector (\d+)/g)) if (m[1] === 'TRIANGLES') triangles += Math.floor(Number(m[2]) / 3);
  for (const m of text.matchAll(/osg::DrawArrays \{[^}]*?Mode (\w+)\s+(?:First \d+\s+)?Count (\d+)/g)) if (m[1] === 'TRIANGLES') triangles += Math.floor(Number(m[2]) / 3);
  const ranges = [...text.matchAll(/RangeList \d+ \{([^}]*)\}/g)].map((m) => m[1].trim().split(/\s+/).map(Number));
  const fileNames = [...text.matchAll(/RangeDataList \d+ \{([^}]*)\}/g)].map((m) => [...m[1].matchAll(/"([^"]*)"/g)].map((q) => q[1]));
  const userCenters = [...text.matchAll(/UserCenter ([-\d.e+ ]+)/g)].map((m) => m[1].trim().split(/\s+/).map(Number));
  const imageFileNames = [...text.matchAll(/ClassName osg::Image[\s\S]*?FileName "([^"]*)"/g)].map((m) => m[1]);
  return { version, classes, vertices, triangles, ranges, fileNames, userCenters, imageFileNames };
}

/** Vertex (`v`) and face (`f`) line counts of an OBJ file. */
export function parseObjCounts(text: string): { vertices: number; faces: number } {
  return { vertices: (text.match(/^v /gm) ?? []).length, faces: (text.match(/^f /gm) ?? []).length };
}
