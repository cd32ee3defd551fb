import { useEffect, useState } from "react";

// One observer for every tile. Tiles well outside the viewport drop their
// image, so WebKit can free its decoded pixels: memory stays bounded by what
// is on screen, not by how many photos a car has.
const MARGIN = "600px 0px";
const listeners = new WeakMap<Element, (near: boolean) => void>();
let observer: IntersectionObserver | null = null;

function shared(): IntersectionObserver | null {
  if (typeof IntersectionObserver === "undefined") return null;
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) listeners.get(e.target)?.(e.isIntersecting);
    },
    { rootMargin: MARGIN },
  );
  return observer;
}

/** Whether `el` is on screen or within a screenful of it (always true where it cannot be observed). */
export function useNearViewport(el: Element | null): boolean {
  const [near, setNear] = useState(() => shared() === null);
  useEffect(() => {
    const obs = shared();
    if (!el || !obs) return;
    listeners.set(el, setNear);
    obs.observe(el);
    return () => {
      obs.unobserve(el);
      listeners.delete(el);
    };
  }, [el]);
  return near;
}
