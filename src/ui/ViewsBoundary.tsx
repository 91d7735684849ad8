import { Component, type ErrorInfo, type ReactNode } from "react";

interface ViewsBoundaryState {
  message: string | null;
}

/**
 * If the canvases fail (no WebGL, a lost context), say so in place of the views and keep the
 * editor, the runs, the explanation and playback working.
 */
export class ViewsBoundary extends Component<{ children: ReactNode }, ViewsBoundaryState> {
  override state: ViewsBoundaryState = { message: null };

  static getDerivedStateFromError(error: unknown): ViewsBoundaryState {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error("Descent Lab: the views stopped drawing", error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.message === null) return this.props.children;
    return (
      <div className="views-failed">
        <p>
          <strong>The views could not be drawn</strong> (this browser may have WebGL turned off).
          Everything else still works: the runs, the step-by-step numbers and playback.
        </p>
        <p className="muted">{this.state.message}</p>
      </div>
    );
  }
}
