// Phone-sized screens get cards instead of tables and a drawer instead of the side menu.
import { onBeforeUnmount, ref } from 'vue';

const QUERY = '(max-width: 768px)';

export function useIsPhone() {
  const mq = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(QUERY) : null;
  const phone = ref(mq?.matches ?? false);
  const update = () => {
    phone.value = mq?.matches ?? false;
  };
  mq?.addEventListener('change', update);
  onBeforeUnmount(() => mq?.removeEventListener('change', update));
  return phone;
}
