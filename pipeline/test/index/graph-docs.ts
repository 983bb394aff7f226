/**
 * Eight short papers about graphs, attention, pruning and diffusion that share words in
 * overlapping pairs: a corpus for the lexical and hybrid index tests.
 */
export const GRAPH_DOCS = [
  { title: 'Graph attention', abstract: 'Attention over graph nodes with sparse kernels.' },
  { title: 'Sparse attention', abstract: 'Sparse kernels speed up attention on graph data.' },
  { title: 'Graph kernels', abstract: 'Kernels compare graph structures and nodes.' },
  { title: 'Token pruning', abstract: 'Pruning tokens speeds up attention.' },
  { title: 'Node pruning', abstract: 'Pruning graph nodes and tokens with sparse masks.' },
  { title: 'Mask tokens', abstract: 'Masks over tokens and nodes.' },
  { title: 'Video diffusion', abstract: 'Diffusion models generate video frames from masks.' },
  { title: 'Diffusion pruning', abstract: 'Pruning diffusion models keeps video quality.' },
];
