export { NETWORK_SRGB, linearColor } from './network-style.ts';
export { PIPE_LAYERS_DEFAULTS, buildPipeLayers, invertPath, type PipeLayersOptions, type PipeNetworkFeature } from './pipe-layers.ts';
export { SECTION_PROFILE_DEFAULTS, sectionProfile, type SectionProfile, type SectionProfileOptions } from './section-profile.ts';
export { SWEEP_DEFAULTS, shaftMesh, sweepProfile, type SweepOptions, type SweptMesh } from './sweep-mesh.ts';
export { LandXmlError, decodeXml, parseLandXmlPipeNetworks, type LandXmlNetworks } from './landxml.ts';
export { SwmmNetworkError, swmmToFeatures, type SwmmNetworkOptions } from './swmm-network.ts';
