/**
 * The Khronos glTF validator (npm gltf-validator) on a glb. Extensions it does not know
 * (EXT_mesh_features, EXT_structural_metadata, EXT_meshopt_compression…) are reported as
 * UNSUPPORTED_EXTENSION infos and their data is not checked; everything in core glTF is.
 */
import { createRequire } from 'node:module';

export interface GlbIssue {
  code: string;
  message: string;
  /** 0 error, 1 warning, 2 info, 3 hint. */
  severity: number;
  pointer?: string;
}

export interface GlbValidation {
  errors: number;
  warnings: number;
  infos: number;
  issues: GlbIssue[];
}

interface GltfValidator {
  validateBytes(data: Uint8Array, options?: Record<string, unknown>): Promise<{
    issues: { numErrors: number; numWarnings: number; numInfos: number; messages: GlbIssue[] };
  }>;
}

const require = createRequire(import.meta.url);
let validator: GltfValidator | undefined;

export async function validateGlb(bytes: Uint8Array, options: { uri?: string } = {}): Promise<GlbValidation> {
  validator ??= require('gltf-validator') as GltfValidator;
  const report = await validator.validateBytes(bytes, { uri: options.uri ?? 'content.glb', maxIssues: 0, writeTimestamp: false, format: 'glb' });
  return {
    errors: report.issues.numErrors,
    warnings: report.issues.numWarnings,
    infos: report.issues.numInfos,
    issues: report.issues.messages,
  };
}
