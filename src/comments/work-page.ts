/** What the work page shows of comments: the section component and its loader (works imports these; never the reverse). */
export { loadWorkPageComments, type CommentSectionData } from './section.ts';
export { CommentSection } from './views.tsx';
