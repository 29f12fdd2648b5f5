import { bookmarkSchema, pageSizeSchema } from '../core/schema';
import { text } from './transaction';

/** The last two arguments of every paginated query: page size (1..100) and the previous page's bookmark ('' first). */
export const PAGE_PARAMS = [text('pageSize', pageSizeSchema), text('bookmark', bookmarkSchema)] as const;
