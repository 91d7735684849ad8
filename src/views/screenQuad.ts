import * as THREE from "three";

/**
 * A quad over the whole viewport, drawn before everything else in its scene (a layer's copy put
 * back): `fragmentShader` reads the varying `vUv` (0 to 1 across the viewport).
 */
export function screenQuad(
  fragmentShader: string,
  parameters: THREE.ShaderMaterialParameters,
): THREE.Mesh<THREE.PlaneGeometry, THREE.ShaderMaterial> {
  const quad = new THREE.Mesh(
    new THREE.PlaneGeometry(2, 2),
    new THREE.ShaderMaterial({
      ...parameters,
      vertexShader: /* glsl */ `
        varying vec2 vUv;
        void main() {
          vUv = uv;
          gl_Position = vec4(position.xy, 0.0, 1.0);
        }`,
      fragmentShader,
    }),
  );
  quad.frustumCulled = false;
  quad.renderOrder = -1e9;
  return quad;
}
