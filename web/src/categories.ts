// YouTube's category ids and default names (src/core/categories.cc).
export const CATEGORIES: [number, string][] = [
  [1, 'Film & Animation'], [2, 'Autos & Vehicles'], [10, 'Music'], [15, 'Pets & Animals'],
  [17, 'Sports'], [19, 'Travel & Events'], [20, 'Gaming'], [22, 'People & Blogs'], [23, 'Comedy'],
  [24, 'Entertainment'], [25, 'News & Politics'], [26, 'Howto & Style'], [27, 'Education'],
  [28, 'Science & Technology'], [29, 'Nonprofits & Activism'], [43, 'Shows'],
];
export const categoryName = (id: number | null | undefined) =>
  id == null ? '–' : CATEGORIES.find(([c]) => c === id)?.[1] ?? `category ${id}`;
