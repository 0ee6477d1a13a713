// Materials and their surface colours (IFC4 ifcmaterialresource IfcMaterial + IfcRelAssociatesMaterial;
// ifcpresentationappearanceresource IfcSurfaceStyle / IfcSurfaceStyleShading / IfcStyledItem).
import type { IfcWriteContext } from './ifc4-project.ts';
import type { StepRef } from './step-file.ts';
import { enumValue } from './step-file.ts';

/** Material name, category (IFC4 recommended categories) and display colour (linear RGB 0–1, transparency 0–1). */
export const MATERIALS = {
  concrete: { name: 'C30 钢筋混凝土', category: 'concrete', rgb: [0.78, 0.77, 0.74], transparency: 0 },
  masonry: { name: '蒸压加气混凝土砌块', category: 'block', rgb: [0.9, 0.88, 0.84], transparency: 0 },
  glazing: { name: '断桥铝合金中空玻璃', category: 'glass', rgb: [0.55, 0.7, 0.8], transparency: 0.5 },
  timber: { name: '木质门', category: 'wood', rgb: [0.55, 0.38, 0.24], transparency: 0 },
  air: { name: '室内空间', category: 'air', rgb: [0.6, 0.8, 0.6], transparency: 0.85 },
} as const;
export type MaterialKey = keyof typeof MATERIALS;

/** Records which products and solids use which material, then writes the associations once at the end. */
export class MaterialAssignments {
  private readonly products = new Map<MaterialKey, StepRef[]>();
  private readonly solids = new Map<MaterialKey, Set<StepRef>>();

  use(material: MaterialKey, product: StepRef, solid: StepRef): void {
    if (material !== 'air') {
      const products = this.products.get(material) ?? [];
      products.push(product);
      this.products.set(material, products);
    }
    const set = this.solids.get(material) ?? new Set<StepRef>();
    set.add(solid);
    this.solids.set(material, set);
  }

  /** IfcMaterial + IfcRelAssociatesMaterial per material, and an IfcStyledItem per distinct solid. */
  write({ file, ownerHistory, guid }: IfcWriteContext): void {
    for (const key of Object.keys(MATERIALS) as MaterialKey[]) {
      const { name, category, rgb, transparency } = MATERIALS[key];
      const solids = this.solids.get(key);
      if (!solids) continue;
      const colour = file.add('IFCCOLOURRGB', [null, ...rgb]);
      const style = file.add('IFCSURFACESTYLE', [name, enumValue('BOTH'), [file.add('IFCSURFACESTYLESHADING', [colour, transparency])]]);
      for (const solid of solids) file.shared('IFCSTYLEDITEM', [solid, [style], null]);
      const products = this.products.get(key);
      if (!products) continue;
      const material = file.add('IFCMATERIAL', [name, null, category]);
      file.add('IFCRELASSOCIATESMATERIAL', [guid(`material/${key}`), ownerHistory, null, null, products, material]);
    }
  }
}
