import { useMemo } from 'react';
import { useResource } from '@clove/web-kit/useResource';
import { fetchImages, type PoolImage } from '../api/pool';
import { fetchTemplates, type TemplateSummary } from '../api/templates';

interface PoolData {
  images: PoolImage[];
  /** null when the templates service did not answer: the images are still worth showing. */
  templates: TemplateSummary[] | null;
}

async function loadPool(token: string, signal: AbortSignal): Promise<PoolData> {
  const [images, templates] = await Promise.all([
    fetchImages(token, signal),
    fetchTemplates(token, signal).catch((failure: unknown) => {
      console.error('Template list request failed', failure);
      return null;
    }),
  ]);
  return { images, templates };
}

/**
 * The pool's images, and which templates use each: the pool does not list usages, but the
 * templates' summaries name their components' images.
 */
export function usePool(token: string) {
  const state = useResource((signal) => loadPool(token, signal), { key: 'pool' });
  const data = state.data;
  const derived = useMemo(() => {
    const usage = new Map<string, string[]>();
    const templateNames = new Map<string, string>();
    for (const template of data?.templates ?? []) {
      templateNames.set(template.id, template.name);
      for (const imageId of new Set(template.components.map((component) => component.imageId))) {
        usage.set(imageId, [...(usage.get(imageId) ?? []), template.name]);
      }
    }
    return { usage: data?.templates ? usage : null, templateNames };
  }, [data]);

  const replaceImage = (image: PoolImage) => {
    if (!data) return;
    const current = data.images.find((candidate) => candidate.id === image.id);
    if (current && current.status === image.status && current.updatedAt === image.updatedAt) return;
    const images = current ? data.images.map((candidate) => (candidate.id === image.id ? image : candidate)) : [image, ...data.images];
    state.replace({ ...data, images });
  };
  const removeImage = (id: string) => {
    if (data) state.replace({ ...data, images: data.images.filter((image) => image.id !== id) });
  };

  return { ...state, images: data?.images ?? [], ...derived, replaceImage, removeImage };
}
