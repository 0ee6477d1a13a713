/** Utility networks of a city's underground pipelines (GB 50289-2016 城市工程管线综合规划规范 classes). */
import { z } from 'zod';

export const PipeNetworkSchema = z
  .enum(['storm', 'sewer', 'combined', 'water', 'gas', 'heat', 'power', 'telecom'])
  .meta({ id: 'PipeNetwork', description: 'utility network: storm, sewer, combined (storm + sewer), water, gas, heat, power, telecom' });
export type PipeNetwork = z.infer<typeof PipeNetworkSchema>;
