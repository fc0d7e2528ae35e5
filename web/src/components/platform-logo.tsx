/**
 * A platform's logo (web/public/logos/<id>.svg, which the registry test demands for every
 * platform). Decorative beside the platform's name; the name is the alt text when it stands alone.
 */
export function PlatformLogo(props: {
  platform: string;
  /** The platform's name, when no text next to the logo says it. */
  name?: string;
  alone?: boolean;
  size?: number;
}) {
  const size = props.size ?? 20;
  return (
    <img
      className="platform-logo"
      src={`/logos/${props.platform.replaceAll('_', '-')}.svg`}
      alt={props.alone ? (props.name ?? props.platform) : ''}
      width={size}
      height={size}
      loading="lazy"
    />
  );
}

/** A platform named with its logo: "[logo] TikTok". */
export function PlatformName(props: { platform: string; name: string; size?: number }) {
  return (
    <span className="platform-name">
      <PlatformLogo platform={props.platform} {...(props.size ? { size: props.size } : {})} />
      {props.name}
    </span>
  );
}
