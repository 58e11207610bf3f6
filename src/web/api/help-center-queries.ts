/**
 * The help center's reads and writes (docs/help-center-api.md) as TanStack Query hooks. Everything lives
 * under the one "help-center" key, so a write can refresh exactly its part: an article's save updates
 * that article in the cache and marks the lists stale; a category change refreshes the categories (and
 * the lists, whose section names come from them).
 */
import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from "@tanstack/react-query";
import { api, ApiError, qs } from "./client.js";
import type {
  Language,
  TArticleFeedback,
  TArticleFilters,
  TArticlePatch,
  TArticleVersion,
  TCreateArticleBody,
  TCreateCategoryBody,
  TCreateSectionBody,
  THelpAnalytics,
  THelpArticle,
  THelpArticleSummary,
  THelpCategory,
  THelpCenter,
  THelpCenterPatch,
  THelpImage,
  THelpPage,
  THelpPageKind,
  THelpSection,
  TTranslationBody,
  TUpdateCategoryBody,
  TUpdateSectionBody,
} from "./help-center-types.js";
import type { Page } from "./types.js";

export const helpKeys = {
  all: ["help-center"] as const,
  settings: ["help-center", "settings"] as const,
  categories: ["help-center", "categories"] as const,
  lists: ["help-center", "articles", "list"] as const,
  list: (filters: TArticleFilters) => ["help-center", "articles", "list", filters] as const,
  article: (id: string) => ["help-center", "articles", "one", id] as const,
  versions: (id: string, lang: Language) => ["help-center", "articles", "one", id, "versions", lang] as const,
  feedback: (id: string) => ["help-center", "articles", "one", id, "feedback"] as const,
  pages: ["help-center", "pages"] as const,
  analytics: (days: number) => ["help-center", "analytics", days] as const,
  preview: (body: string) => ["help-center", "preview", body] as const,
};

const ARTICLES_PAGE = 50;

export const useHelpCenter = () =>
  useQuery({ queryKey: helpKeys.settings, queryFn: () => api.get<THelpCenter>("/help-center") });

export function useUpdateHelpCenter() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: THelpCenterPatch) => api.patch<THelpCenter>("/help-center", patch),
    onSuccess: (settings) => client.setQueryData(helpKeys.settings, settings),
  });
}

export const useHelpCategories = () =>
  useQuery({
    queryKey: helpKeys.categories,
    queryFn: async () => (await api.get<{ data: THelpCategory[] }>("/help-center/categories")).data,
    staleTime: 30_000,
  });

/** Categories and sections change names, order and counts: the categories and the lists are refreshed. */
function useCategoryMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: helpKeys.categories });
      void client.invalidateQueries({ queryKey: helpKeys.lists });
    },
  });
}

export const useCreateCategory = () =>
  useCategoryMutation((body: TCreateCategoryBody) =>
    api.post<THelpCategory>("/help-center/categories", body),
  );

export const useUpdateCategory = () =>
  useCategoryMutation(({ id, ...body }: TUpdateCategoryBody & { id: string }) =>
    api.patch<THelpCategory>(`/help-center/categories/${id}`, body),
  );

export const useDeleteCategory = () =>
  useCategoryMutation((id: string) => api.delete(`/help-center/categories/${id}`));

export const useCreateSection = () =>
  useCategoryMutation((body: TCreateSectionBody) => api.post<THelpSection>("/help-center/sections", body));

export const useUpdateSection = () =>
  useCategoryMutation(({ id, ...body }: TUpdateSectionBody & { id: string }) =>
    api.patch<THelpSection>(`/help-center/sections/${id}`, body),
  );

export const useDeleteSection = () =>
  useCategoryMutation((id: string) => api.delete(`/help-center/sections/${id}`));

/**
 * Moves take several PATCHes (every item whose position changes); they run one after another so the
 * server never sees two writes to one list at once, then the categories are read again.
 */
export function useReorder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (changes: { kind: "categories" | "sections"; id: string; position: number }[]) => {
      for (const change of changes) {
        await api.patch(`/help-center/${change.kind}/${change.id}`, { position: change.position });
      }
    },
    onSettled: () => client.invalidateQueries({ queryKey: helpKeys.categories }),
  });
}

/** The article list, newest change first, a page of 50 at a time ("Load more"). */
export const useHelpArticles = (filters: TArticleFilters) =>
  useInfiniteQuery({
    queryKey: helpKeys.list(filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<Page<THelpArticleSummary>>(
        `/help-center/articles${qs({ ...filters, limit: ARTICLES_PAGE, cursor: pageParam })}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
  });

/** How many of the caller's own articles are due for review (one page of 100; more reads as "100+"). */
export const useMyReviewDue = () =>
  useQuery({
    queryKey: [...helpKeys.lists, "my-review-due"],
    queryFn: async () => {
      const page = await api.get<Page<THelpArticleSummary>>(
        `/help-center/articles${qs({ owner: "me", review: "due", limit: 100 })}`,
      );
      return { count: page.data.length, hasMore: page.nextCursor !== null };
    },
  });

export const useHelpArticle = (id: string | undefined) =>
  useQuery({
    queryKey: helpKeys.article(id ?? ""),
    queryFn: () => api.get<THelpArticle>(`/help-center/articles/${id}`),
    enabled: Boolean(id),
  });

/** After a write that answers with the article: it replaces the cache; lists and history go stale. */
function storeArticle(client: QueryClient, article: THelpArticle): void {
  client.setQueryData(helpKeys.article(article.id), article);
  void client.invalidateQueries({ queryKey: helpKeys.lists });
  void client.invalidateQueries({ queryKey: [...helpKeys.article(article.id), "versions"] });
  void client.invalidateQueries({ queryKey: helpKeys.categories });
}

export function useCreateArticle() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateArticleBody) => api.post<THelpArticle>("/help-center/articles", body),
    onSuccess: (article) => storeArticle(client, article),
  });
}

export function useUpdateArticle() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: TArticlePatch & { id: string }) =>
      api.patch<THelpArticle>(`/help-center/articles/${id}`, patch),
    onSuccess: (article) => storeArticle(client, article),
  });
}

/** Saves a language's draft (creating the translation) and/or publishes that language's draft. */
export function useSaveTranslation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({
      id,
      lang,
      body,
      publish,
    }: {
      id: string;
      lang: Language;
      body?: TTranslationBody;
      publish?: boolean;
    }) => {
      let article: THelpArticle | undefined;
      if (body) {
        article = await api.put<THelpArticle>(`/help-center/articles/${id}/translations/${lang}`, body);
        // Whatever happens to the publish, the saved draft is on the server: the cache shows it.
        storeArticle(client, article);
      }
      if (publish) {
        article = await api.post<THelpArticle>(`/help-center/articles/${id}/translations/${lang}/publish`);
      }
      return article!;
    },
    onSuccess: (article) => storeArticle(client, article),
  });
}

export function useUnpublishTranslation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, lang }: { id: string; lang: Language }) =>
      api.post<THelpArticle>(`/help-center/articles/${id}/translations/${lang}/unpublish`),
    onSuccess: (article) => storeArticle(client, article),
  });
}

export function useDeleteArticle() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/help-center/articles/${id}`),
    onSuccess: (_, id) => {
      client.removeQueries({ queryKey: helpKeys.article(id) });
      void client.invalidateQueries({ queryKey: helpKeys.lists });
      void client.invalidateQueries({ queryKey: helpKeys.categories });
    },
  });
}

export const useArticleVersions = (id: string, lang: Language, enabled: boolean) =>
  useQuery({
    queryKey: helpKeys.versions(id, lang),
    queryFn: async () =>
      (await api.get<{ data: TArticleVersion[] }>(`/help-center/articles/${id}/versions${qs({ lang })}`))
        .data,
    enabled,
  });

export const useArticleFeedback = (id: string) =>
  useInfiniteQuery({
    queryKey: helpKeys.feedback(id),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<Page<TArticleFeedback>>(`/help-center/articles/${id}/feedback${qs({ cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor,
  });

/** The body as the public page will show it: the server's own sanitized rendering. */
export const useArticlePreview = (body: string, enabled: boolean) =>
  useQuery({
    queryKey: helpKeys.preview(body),
    queryFn: async () => (await api.post<{ html: string }>("/help-center/preview", { body })).html,
    enabled,
    staleTime: Infinity,
    gcTime: 60_000,
  });

/**
 * Uploads an image for articles or the logo (png, jpeg, gif, webp; at most 5 MB) as a multipart form,
 * which the JSON client does not send. Errors come back as ApiError like every other request.
 */
export async function uploadHelpImage(file: File): Promise<THelpImage> {
  const form = new FormData();
  form.append("file", file, file.name);
  let response: Response;
  try {
    response = await fetch("/api/v1/help-center/images", {
      method: "POST",
      credentials: "same-origin",
      body: form,
    });
  } catch {
    throw new ApiError(0, "offline", "The server cannot be reached");
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (response.ok) return json as THelpImage;
  const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
  throw new ApiError(
    response.status,
    error?.code ?? "http_error",
    error?.message ?? `${response.status} ${response.statusText}`,
  );
}

export const useHelpPages = () =>
  useQuery({
    queryKey: helpKeys.pages,
    queryFn: async () => (await api.get<{ data: THelpPage[] }>("/help-center/pages")).data,
  });

export function useSaveHelpPage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      kind,
      lang,
      ...body
    }: {
      kind: THelpPageKind;
      lang: Language;
      title: string;
      body: string;
    }) => api.put<THelpPage>(`/help-center/pages/${kind}/${lang}`, body),
    onSuccess: (page) =>
      client.setQueryData<THelpPage[]>(helpKeys.pages, (pages = []) => [
        ...pages.filter((p) => p.kind !== page.kind || p.lang !== page.lang),
        page,
      ]),
  });
}

export const useHelpAnalytics = (days: number) =>
  useQuery({
    queryKey: helpKeys.analytics(days),
    queryFn: () => api.get<THelpAnalytics>(`/help-center/analytics${qs({ days })}`),
  });
